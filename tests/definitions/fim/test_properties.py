"""Whatever shape a schema has, the importer gives a valid document or a ``FimError``.

Hypothesis builds schemas (both versions) from odd labels, multiplicities, data types,
field kinds and constraints, nested and repeated groups; every result must pass
``validate_document`` with unique ids, and every element must be in the report.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rathaus.definitions.documents import validate_document
from rathaus.definitions.fim import FimError, import_schema
from rathaus.definitions.fim.idents import IDENTIFIER, Identifiers, identifier, option_values
from tests.definitions.fim import xdfbuilder as xb

LABELS = st.text(
    alphabet=st.sampled_from(list("abcXYZäöüßÄ 0123-/()§.,:!?é\t")), min_size=0, max_size=40
)
COUNTS = st.sampled_from(["0:1", "1:1", "0:*", "1:*", "2:5", "1:3", "3:2", "x", "1:80", ""])
KINDS = st.sampled_from(["input", "input", "select", "label", "locked", "hidden", "seltsam"])
TYPES = st.sampled_from(
    ["text", "text_latin", "num", "num_int", "num_currency", "date", "bool", "file", "obj",
     "time", "datetime", "unbekannt"]
)  # fmt: skip
CONSTRAINTS = st.dictionaries(
    st.sampled_from(["minLength", "maxLength", "minValue", "maxValue", "pattern"]),
    st.sampled_from(["0", "1", "5", "1000", "5000", "30000", "-3", "abc", "2020-01-01",
                     "9999999999999999999", "[0-9]{5}", "(", "\\p{L}+", "1.5"]),
    max_size=4,
)  # fmt: skip
IDS = st.integers(10_000_000, 10_000_040)


@st.composite
def fields(draw: st.DrawFn) -> xb.Field:
    return xb.Field(
        f"F{draw(IDS)}",
        draw(LABELS),
        label=draw(st.none() | LABELS),
        feldart=draw(KINDS),
        datentyp=draw(TYPES),
        constraints=draw(CONSTRAINTS),
        content=draw(st.none() | LABELS),
        values=draw(st.lists(st.tuples(LABELS, LABELS), max_size=7)),
        help=draw(st.none() | LABELS),
        rules=[xb.Rule(f"R{n}", "Wenn F10000001 leer ...") for n in draw(st.sets(IDS, max_size=2))],
    )


def groups(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(
        xb.Group,
        st.builds(lambda n: f"G{n}", IDS),
        LABELS,
        st.lists(st.tuples(COUNTS, children), min_size=0, max_size=4),
        label=st.none() | LABELS,
        help=st.none() | LABELS,
    )


ELEMENTS = st.recursive(fields(), groups, max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(COUNTS, ELEMENTS), min_size=1, max_size=5), st.sampled_from([2, 3]))
def test_any_schema_gives_a_valid_document_or_a_fim_error(children, version):
    try:
        result = import_schema({"schema.xml": xb.schema(children, version=version)})
    except FimError:
        return
    validate_document(result.document)
    reported = {line.fim_id for line in result.report}
    assert {element.fim_id for _count, element in children} <= reported


@given(LABELS, st.sampled_from(["feld", "schritt"]))
def test_identifiers_match_the_pattern(text, fallback):
    assert IDENTIFIER.match(identifier(text, fallback))


@given(st.lists(LABELS, max_size=30))
def test_identifiers_are_unique(texts):
    registry = Identifiers()
    made = [registry.new(text) for text in texts]
    assert len(set(made)) == len(made) and all(IDENTIFIER.match(i) for i in made)


def test_identifier_examples():
    assert identifier("Straße / Hausnummer") == "strasse_hausnummer"
    assert identifier("Größe in m²") == "groesse_in_m2"
    assert identifier("1. Wohnsitz") == "feld_1_wohnsitz"
    assert identifier("???") == "feld"
    long = identifier("Informationen zur beabsichtigten Beschäftigung der schwangeren Frau")
    assert long == "informationen_zur_beabsichtigten_beschaeftigung_der_schwangeren"
    registry = Identifiers()
    made = [registry.new("Ort"), registry.new("Ort"), registry.new("ort")]
    assert made == ["ort", "ort_2", "ort_3"]


def test_option_values_are_unique_and_valid():
    assert option_values(["001", "A B", "A_B", "", "Ä"]) == ["001", "A_B", "A_B_2", "option", "Ae"]
