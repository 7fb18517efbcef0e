from django import template

register = template.Library()


@register.simple_tag
def local(obj, name: str, language: str) -> str:
    """A catalogue text in the page's language (German when no translation exists)."""
    return obj.localized(name, language)


@register.filter
def documents(service, language: str) -> list[str]:
    return service.document_list(language)
