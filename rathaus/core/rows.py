"""One row read by plain SQL into a model instance, for the reads every signed-in request
makes (its session, its user).

The ORM builds and compiles a query anew each time, which costs more than the query
itself; these reads always have the same shape, so their SQL is built once per model.
The instance is the ORM's own (``Model.from_db``), with every concrete field loaded, so
nothing behaves differently from ``Model.objects.get``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connections, router
from django.db.models import Model

__all__ = ["fetch_one"]


@cache
def _select(model: type[Model], where: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    concrete = {field.name: field for field in model._meta.concrete_fields}
    fields = tuple(field.attname for field in concrete.values())
    connection = connections[router.db_for_read(model)]

    def quote(field: Any) -> str:
        return connection.ops.quote_name(str(field.column))

    columns = ", ".join(quote(field) for field in concrete.values())
    condition = " AND ".join(f"{quote(concrete[name])} {op} %s"
                             for name, op in (part.split() for part in where))  # fmt: skip
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"SELECT {columns} FROM {table} WHERE {condition}"  # noqa: S608
    return sql, fields


def fetch_one[M: Model](model: type[M], where: tuple[str, ...], params: list[Any]) -> M | None:
    """The row of ``model`` where every ``"<field> <operator>"`` of ``where`` holds with its
    parameter (``("session_key =", "expire_date >")``), or None. The values go through the
    database's converters, as the ORM's would."""
    sql, fields = _select(model, where)
    alias = router.db_for_read(model)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for field, value in zip(model._meta.concrete_fields, row, strict=True):
        column = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        for converter in converters:
            value = converter(value, column, connection)
        values.append(value)
    return model.from_db(alias, list(fields), values)
