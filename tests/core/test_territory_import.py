"""Importing the Destatis Gemeindeverzeichnis (GV100AD) builds the territory of the Länder.

Proves: the shipped extract yields exactly 1 Land, 3 Regierungsbezirke, 26 Kreise and 421
Gemeinden (the 4 gemeindefreie Gebiete are skipped), with the official population total,
coordinates and kinds; a second import changes nothing and a changed row is repaired; a
Land without Regierungsbezirke hangs its Kreise under the Land and can be chosen with the
Land filter; coordinates are read from the shipped CSV and from the Destatis "Auszug GV"
format; a malformed line is reported with its line number and nothing is imported; the
management command prints the counts and is idempotent; the shipped extract is exactly
the Hessen part of the full Destatis file.

Three Länder are shipped: Hessen (the default of ``import_shipped_extract``), the
city-state Hamburg (one Kreis, one Gemeinde) and Schleswig-Holstein (15 Kreise without
Regierungsbezirke, 1,104 Gemeinden); every shipped file is what ``make_extract.py`` writes
from the full Destatis files; Land after Land or all at once give the same territories and
importing again changes nothing; ``load_territory`` without ``--file`` loads all three.
"""

import importlib.util
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from rathaus.core import importers
from rathaus.core.importers import TerritoryImportError
from rathaus.core.models import Territory

pytestmark = pytest.mark.django_db

# Tests may read the shared data (the platform never does): beside the checkout, or at /work.
SHARED_DATA = next(
    (
        folder
        for folder in (
            Path(__file__).resolve().parents[3] / "shared" / "data",
            Path("/work/shared/data"),
        )
        if folder.is_dir()
    ),
    Path("/work/shared/data"),
)
SHARED_GV100AD = SHARED_DATA / "GV100AD_30112025.txt"
SHARED_AUSZUG = SHARED_DATA / "AuszugGV4Q_31122020.csv"
MAKE_EXTRACT = importers.SHIPPED_GV100AD.parent / "make_extract.py"
Level = Territory.Level
# Territories per level of each shipped Land (checked against the GV100AD file of 2025).
HESSEN_COUNTS = {"land": 1, "regierungsbezirk": 3, "kreis": 26, "gemeinde": 421}
HAMBURG_COUNTS = {"land": 1, "regierungsbezirk": 0, "kreis": 1, "gemeinde": 1}
SCHLESWIG_HOLSTEIN_COUNTS = {"land": 1, "regierungsbezirk": 0, "kreis": 15, "gemeinde": 1104}
ALL_COUNTS = {"land": 3, "regierungsbezirk": 3, "kreis": 42, "gemeinde": 1526}


def _shared_lines(predicate) -> list[str]:
    if not SHARED_GV100AD.exists():
        pytest.skip(f"{SHARED_GV100AD} is not present (the full Destatis file is only in dev)")
    with SHARED_GV100AD.open(encoding="utf-8") as handle:
        return [line for line in handle if predicate(line)]


def _schleswig_holstein_sample() -> list[str]:
    """The Land record, two Kreise and their Gemeinden and Ämter (RB digit 0: no RB)."""
    return _shared_lines(
        lambda line: line[10:12] == "01" and (line[:2] == "10" or line[10:15] in {"01001", "01051"})
    )


def _write(tmp_path: Path, lines: list[str], name: str = "gv100ad.txt") -> Path:
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _shipped_lines() -> list[str]:
    return importers.SHIPPED_GV100AD.read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.fixture
def hessen():
    return importers.import_shipped_extract()


def test_shipped_extract_gives_the_known_structure_of_hessen(hessen):
    counts = {level: count.total for level, count in hessen.counts.items()}
    assert counts == {"land": 1, "regierungsbezirk": 3, "kreis": 26, "gemeinde": 421}
    assert all(count.created == count.total for count in hessen.counts.values())
    assert Territory.objects.count() == 1 + 3 + 26 + 421
    assert Territory.objects.filter(level=Level.GEMEINDE).count() == 421
    assert list(
        Territory.objects.filter(level=Level.REGIERUNGSBEZIRK).values_list("key", flat=True)
    ) == ["064", "065", "066"]
    assert not Territory.objects.exclude(key__startswith="06").exists()
    land = Territory.objects.get(key="06")
    assert (land.level, land.short_name, land.seat, land.parent) == (
        "land",
        "Hessen",
        "Wiesbaden",
        None,
    )


def test_gemeindefreie_gebiete_and_gemeindeverbaende_are_skipped(hessen):
    assert hessen.skipped[importers.SKIPPED_UNINCORPORATED] == 4
    assert hessen.skipped[importers.SKIPPED_ASSOCIATION] == 425
    assert not Territory.objects.filter(
        key__in=["06431200", "06435200", "06633200", "06636200"]
    ).exists()


def test_darmstadt_is_a_kreisfreie_stadt_with_population_and_coordinates(hessen):
    darmstadt = Territory.objects.get(key="06411000")
    assert darmstadt.level == Level.GEMEINDE
    assert darmstadt.kind == "kreisfreie_stadt"
    assert darmstadt.name == "Darmstadt, Wissenschaftsstadt"
    assert darmstadt.short_name == "Darmstadt"
    assert darmstadt.search_name == "darmstadt"
    assert darmstadt.regional_key == "064110000000"
    assert darmstadt.population == 167_029
    assert darmstadt.area_hectares == 12_207
    assert darmstadt.postal_code == "64283"
    assert darmstadt.latitude == Decimal("49.872238")
    assert darmstadt.longitude == Decimal("8.653838")
    assert darmstadt.valid_on.isoformat() == "2025-11-30"
    assert [t.key for t in darmstadt.ancestors()] == ["06411000", "06411", "064", "06"]
    assert darmstadt.parent.kind == "kreisfreie_stadt"


def test_kinds_and_parents_follow_the_textkennzeichen(hessen):
    giessen_kreis = Territory.objects.get(key="06531")
    assert (giessen_kreis.kind, giessen_kreis.parent.key) == ("landkreis", "065")
    assert Territory.objects.get(key="06531005").kind == "stadt"
    kinds = Territory.objects.filter(level=Level.GEMEINDE).values_list("kind", flat=True)
    assert sorted(set(kinds)) == ["kreisangehoerige_gemeinde", "kreisfreie_stadt", "stadt"]
    assert list(kinds).count("stadt") == 186
    assert not Territory.objects.filter(level=Level.GEMEINDE, latitude__isnull=True).exists()


def test_population_totals_match_the_official_figure(hessen):
    gemeinden = Territory.objects.filter(level=Level.GEMEINDE)
    assert gemeinden.aggregate(total=Sum("population"))["total"] == 6_280_793
    assert Territory.objects.get(key="06").population == 6_280_793
    kreise = Territory.objects.filter(level=Level.KREIS)
    assert kreise.aggregate(total=Sum("population"))["total"] == 6_280_793


def test_import_is_fast():
    started = time.perf_counter()
    importers.import_shipped_extract()
    assert time.perf_counter() - started < 5


def test_reimport_changes_nothing(hessen):
    before = list(Territory.objects.order_by("key").values())
    again = importers.import_shipped_extract()
    assert {level: count.unchanged for level, count in again.counts.items()} == {
        "land": 1,
        "regierungsbezirk": 3,
        "kreis": 26,
        "gemeinde": 421,
    }
    assert all(count.created == count.updated == 0 for count in again.counts.values())
    assert list(Territory.objects.order_by("key").values()) == before


def test_reimport_repairs_changed_rows_and_keeps_an_edited_short_name(hessen):
    Territory.objects.filter(key="06412000").update(population=1, parent=None)
    kassel = Territory.objects.get(key="06611000")
    kassel.short_name = "Documenta-Stadt Kassel"
    kassel.save()
    result = importers.import_shipped_extract()
    assert result.counts["gemeinde"].updated == 1
    frankfurt = Territory.objects.get(key="06412000")
    assert (frankfurt.population, frankfurt.parent.key) == (756_021, "06412")
    kassel.refresh_from_db()
    assert kassel.short_name == "Documenta-Stadt Kassel"
    assert kassel.search_name == "documenta-stadt kassel"


def test_kreise_of_a_land_without_regierungsbezirk_hang_under_the_land(tmp_path):
    path = _write(tmp_path, _schleswig_holstein_sample())
    result = importers.import_territory(path)
    assert result.counts["regierungsbezirk"].total == 0
    assert result.counts["kreis"].total == 2
    flensburg = Territory.objects.get(key="01001")
    assert (flensburg.kind, flensburg.parent.key) == ("kreisfreie_stadt", "01")
    dithmarschen = Territory.objects.get(key="01051")
    assert (dithmarschen.kind, dithmarschen.parent.key) == ("kreis", "01")
    gemeinden = Territory.objects.filter(level=Level.GEMEINDE, key__startswith="01051")
    assert gemeinden.count() == result.counts["gemeinde"].total - 1
    assert {g.parent.key for g in gemeinden} == {"01051"}
    assert [t.key for t in Territory.objects.get(key="01001000").ancestors()] == [
        "01001000",
        "01001",
        "01",
    ]


def test_land_filter_imports_only_the_chosen_lander(tmp_path):
    path = _write(tmp_path, _schleswig_holstein_sample() + _shipped_lines())
    result = importers.import_territory(path, land_keys=["01"])
    assert result.skipped[importers.SKIPPED_OTHER_LAND] == 880
    assert Territory.objects.filter(key="01").exists()
    assert not Territory.objects.exclude(key__startswith="01").exists()
    importers.import_territory(path, land_keys=["06"])
    assert Territory.objects.filter(level=Level.GEMEINDE, key__startswith="06").count() == 421
    with pytest.raises(TerritoryImportError, match="keine Gebiete"):
        importers.import_territory(path, land_keys=["09"])
    with pytest.raises(TerritoryImportError, match="Landesschlüssel"):
        importers.import_territory(path, land_keys=["6"])


@pytest.mark.parametrize(
    ("line_number", "damage", "message"),
    [
        (5, lambda line: line[:150] + "\n", "220 Zeichen"),
        (3, lambda line: line[:13] + "XY" + line[15:], "Ziffern"),
        (9, lambda line: "99" + line[2:], "Satzart"),
        (6, lambda line: line[:122] + "99" + line[124:], "Textkennzeichen"),
        (2, lambda line: line[:2] + "20251331" + line[10:], "Datum"),
    ],
)
def test_a_malformed_line_is_named_and_nothing_is_imported(tmp_path, line_number, damage, message):
    lines = _shipped_lines()
    lines[line_number - 1] = damage(lines[line_number - 1])
    path = _write(tmp_path, lines)
    with pytest.raises(TerritoryImportError, match=message) as caught:
        importers.import_territory(path)
    assert caught.value.line_number == line_number
    assert f"Zeile {line_number}:" in str(caught.value)
    assert not Territory.objects.exists()


def test_a_missing_parent_is_named_and_nothing_is_imported(tmp_path):
    lines = [line for line in _shipped_lines() if not line.startswith("4020251130064")]
    path = _write(tmp_path, lines)
    with pytest.raises(TerritoryImportError, match="06411") as caught:
        importers.import_territory(path)
    assert caught.value.line_number is not None
    assert not Territory.objects.exists()


def test_a_failure_while_writing_rolls_back_the_whole_import(hessen, tmp_path, monkeypatch):
    lines = [line.replace("Hessen    ", "Hesse     ") for line in _shipped_lines()]
    write_level = importers._write_level

    def fail_at_gemeinden(records, plan):
        records = list(records)
        if records and records[0].level == Level.GEMEINDE:
            raise RuntimeError("database gone")
        return write_level(records, plan)

    monkeypatch.setattr(importers, "_write_level", fail_at_gemeinden)
    with pytest.raises(RuntimeError):
        importers.import_territory(_write(tmp_path, lines))
    assert Territory.objects.get(key="06").name == "Hessen"


def test_crlf_line_ends_as_destatis_ships_them_are_accepted(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(importers.SHIPPED_GV100AD.read_bytes().replace(b"\n", b"\r\n"))
    assert importers.import_territory(path).counts["gemeinde"].total == 421


def test_duplicate_keys_are_rejected(tmp_path):
    lines = _shipped_lines()
    path = _write(tmp_path, [*lines, lines[4]])
    with pytest.raises(TerritoryImportError, match="schon in Zeile 5"):
        importers.import_territory(path)


def test_coordinates_in_the_destatis_auszug_format_are_understood(tmp_path):
    header = (
        "\ufeffsatzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,flaeche,"
        "bevoelkerung,maennlich,weiblich,jekm2,postleitzahl,laengengrad,breitengrad,"
        "schluessel,bezeichnung,verstaedterungschluessel,verstaedterungbezeichnung\n"
    )
    rows = (
        '40,41,06,4,11,,,"Darmstadt, Wissenschaftsstadt",,,,,,,,,,,,\n'
        '60,61,06,4,11,0000,000,"Darmstadt, Wissenschaftsstadt", 122.07, 159 878, 81 439,'
        ' 78 439, 1 310,64283,"8,6538385","49,872238",I15,Odenwald,01,dicht besiedelt\n'
    )
    path = tmp_path / "auszug.csv"
    path.write_text(header + rows, encoding="utf-8")
    assert importers.read_coordinates(path) == {
        "06411000": (Decimal("49.872238"), Decimal("8.653839"))
    }
    result = importers.import_territory(importers.SHIPPED_GV100AD, path)
    assert result.with_coordinates == 1
    assert Territory.objects.get(key="06411000").longitude == Decimal("8.653839")
    assert Territory.objects.get(key="06412000").latitude is None


def test_the_full_destatis_auszug_gives_coordinates_to_every_hessian_gemeinde():
    if not SHARED_AUSZUG.exists():
        pytest.skip(f"{SHARED_AUSZUG} is not present (the full Destatis file is only in dev)")
    result = importers.import_territory(importers.SHIPPED_GV100AD, SHARED_AUSZUG)
    assert result.with_coordinates == 421
    assert Territory.objects.get(key="06411000").latitude == Decimal("49.872238")


def test_a_bad_coordinate_is_named_with_its_line(tmp_path):
    path = tmp_path / "coordinates.csv"
    path.write_text("ags,latitude,longitude\n06411000,49.87,8.65\n06412000,north,8.68\n")
    with pytest.raises(TerritoryImportError, match="Zeile 3:"):
        importers.import_territory(importers.SHIPPED_GV100AD, path)
    path.write_text("name;lat;lon\n")
    with pytest.raises(TerritoryImportError, match="Format"):
        importers.read_coordinates(path)
    assert not Territory.objects.exists()


def test_command_loads_the_shipped_extracts_of_three_lander_and_is_idempotent(capsys):
    call_command("load_territory")
    first = capsys.readouterr().out
    assert "Land: 3 (neu 3, geändert 0, unverändert 0)" in first
    assert "Gemeinde: 1526 (neu 1526, geändert 0, unverändert 0)" in first
    assert "Kreis: 42" in first and "Regierungsbezirk: 3" in first
    assert "Übersprungen: 6 gemeindefreie Gebiete" in first
    assert "Mit Koordinaten: 1526 Gemeinden" in first
    assert list(Territory.objects.filter(level=Level.LAND).values_list("key", flat=True)) == [
        "01",
        "02",
        "06",
    ]
    call_command("load_territory")
    assert "Gemeinde: 1526 (neu 0, geändert 0, unverändert 1526)" in capsys.readouterr().out
    assert Territory.objects.count() == 451 + 3 + 1120


def test_command_land_chooses_among_the_shipped_extracts(capsys):
    call_command("load_territory", "--land", "06")
    assert "Gemeinde: 421 (neu 421" in capsys.readouterr().out
    assert Territory.objects.count() == 451
    call_command("load_territory", "--land", "01", "02")
    output = capsys.readouterr().out
    assert "Land: 2 (neu 2" in output and "Gemeinde: 1105 (neu 1105" in output
    assert "Übersprungen: 2 gemeindefreie Gebiete" in output
    assert Territory.objects.count() == 451 + 3 + 1120
    with pytest.raises(CommandError, match="Für 09 ist kein Auszug mitgeliefert"):
        call_command("load_territory", "--land", "06", "09")
    with pytest.raises(CommandError, match="Landesschlüssel"):
        call_command("load_territory", "--land", "6")


def test_command_imports_any_file_with_a_land_filter(tmp_path, capsys):
    path = _write(tmp_path, _schleswig_holstein_sample() + _shipped_lines())
    call_command("load_territory", "--file", str(path), "--land", "01")
    output = capsys.readouterr().out
    assert "Land: 1 (neu 1" in output and "Regierungsbezirk: 0" in output
    assert not Territory.objects.filter(key__startswith="06").exists()


def test_command_reports_a_bad_file_without_importing(tmp_path):
    path = _write(tmp_path, _shipped_lines()[:3] + ["kaputt\n"])
    with pytest.raises(CommandError, match="Zeile 4:"):
        call_command("load_territory", "--file", str(path))
    with pytest.raises(CommandError):
        call_command("load_territory", "--file", str(tmp_path / "missing.txt"))
    assert not Territory.objects.exists()


def test_shipped_extract_is_the_hessen_part_of_the_destatis_file():
    if not SHARED_GV100AD.exists():
        pytest.skip(f"{SHARED_GV100AD} is not present (the full Destatis file is only in dev)")
    with SHARED_GV100AD.open("rb") as handle:
        expected = b"".join(line for line in handle if line[10:12] == b"06")
    assert importers.SHIPPED_GV100AD.read_bytes() == expected


# --- Hamburg and Schleswig-Holstein ------------------------------------------------------


def _make_extract():
    """``rathaus/core/data/make_extract.py``, a maintainer script outside the package."""
    spec = importlib.util.spec_from_file_location("make_extract", MAKE_EXTRACT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_platform_and_make_extract_name_the_same_shipped_files():
    make_extract = _make_extract()
    assert list(importers.SHIPPED_EXTRACTS) == list(make_extract.LANDS) == ["06", "02", "01"]
    for land, extract in importers.SHIPPED_EXTRACTS.items():
        assert tuple(extract) == make_extract.output_paths(land)
        assert extract.gv100ad.is_file() and extract.coordinates.is_file()
    assert importers.SHIPPED_EXTRACTS["06"] == (
        importers.SHIPPED_GV100AD,
        importers.SHIPPED_COORDINATES,
    )
    assert importers.SHIPPED_GV100AD.name == "hessen_gv100ad_30112025.txt"
    assert importers.SHIPPED_COORDINATES.name == "hessen_coordinates_31122020.csv"


def test_shipped_extracts_are_what_make_extract_writes_from_the_destatis_files(tmp_path):
    if not (SHARED_GV100AD.exists() and SHARED_AUSZUG.exists()):
        pytest.skip(f"{SHARED_DATA} is not present (the full Destatis files are only in dev)")
    make_extract = _make_extract()
    written = make_extract.write_extracts(SHARED_GV100AD, SHARED_AUSZUG, tmp_path)
    assert written == {"06": (880, 426), "02": (4, 1), "01": (1293, 1108)}
    for land, extract in importers.SHIPPED_EXTRACTS.items():
        made = make_extract.output_paths(land, tmp_path)
        assert extract.gv100ad.read_bytes() == made[0].read_bytes(), land
        assert extract.coordinates.read_bytes() == made[1].read_bytes(), land
        with SHARED_GV100AD.open("rb") as handle:
            expected = b"".join(line for line in handle if line[10:12] == land.encode())
        assert extract.gv100ad.read_bytes() == expected, land


def test_hamburg_is_a_land_with_one_kreis_and_one_gemeinde(hamburg):
    assert {level: count.total for level, count in hamburg.counts.items()} == HAMBURG_COUNTS
    assert hamburg.skipped[importers.SKIPPED_ASSOCIATION] == 1
    assert hamburg.skipped[importers.SKIPPED_UNINCORPORATED] == 0
    assert hamburg.with_coordinates == 1
    assert list(Territory.objects.values_list("key", "level", "kind")) == [
        ("02", "land", ""),
        ("02000", "kreis", "kreisfreie_stadt"),
        ("02000000", "gemeinde", "kreisfreie_stadt"),
    ]
    land = Territory.objects.get(key="02")
    assert (land.name, land.seat, land.parent) == ("Hamburg", "Hamburg", None)
    assert (land.population, land.area_hectares) == (1_862_565, 75_509)
    city = Territory.objects.get(key="02000000")
    assert (city.name, city.short_name) == ("Hamburg, Freie und Hansestadt", "Hamburg")
    assert (city.population, city.area_hectares, city.postal_code) == (1_862_565, 75_509, "20038")
    assert (city.latitude, city.longitude) == (Decimal("53.550678"), Decimal("9.996970"))
    assert city.regional_key == "020000000000"
    assert [t.key for t in city.ancestors()] == ["02000000", "02000", "02"]


def test_schleswig_holstein_has_its_15_kreise_and_1104_gemeinden(schleswig_holstein):
    counts = {level: count.total for level, count in schleswig_holstein.counts.items()}
    assert counts == SCHLESWIG_HOLSTEIN_COUNTS
    assert schleswig_holstein.skipped[importers.SKIPPED_ASSOCIATION] == 171
    assert schleswig_holstein.skipped[importers.SKIPPED_UNINCORPORATED] == 2
    assert not Territory.objects.filter(key__in=["01053105", "01060014"]).exists()
    assert not Territory.objects.exclude(key__startswith="01").exists()
    land = Territory.objects.get(key="01")
    assert (land.name, land.seat, land.population) == ("Schleswig-Holstein", "Kiel", 2_959_517)
    kreise = Territory.objects.filter(level=Level.KREIS)
    assert {k.parent.key for k in kreise.select_related("parent")} == {"01"}
    assert sorted(kreise.filter(kind="kreisfreie_stadt").values_list("key", flat=True)) == [
        "01001",
        "01002",
        "01003",
        "01004",
    ]
    assert kreise.filter(kind="kreis").count() == 11
    gemeinden = Territory.objects.filter(level=Level.GEMEINDE)
    kinds = list(gemeinden.values_list("kind", flat=True))
    assert (kinds.count("kreisangehoerige_gemeinde"), kinds.count("stadt")) == (1041, 59)
    assert kinds.count("kreisfreie_stadt") == 4
    assert gemeinden.aggregate(total=Sum("population"))["total"] == 2_959_517
    assert schleswig_holstein.with_coordinates == 1104
    assert not gemeinden.filter(latitude__isnull=True).exists()
    kiel = Territory.objects.get(key="01002000")
    assert (kiel.short_name, kiel.parent.key, kiel.parent.parent.key) == ("Kiel", "01002", "01")


def test_the_fixtures_of_the_three_lander_combine(hessen, hamburg, schleswig_holstein):
    assert Territory.objects.count() == 451 + 3 + 1120
    assert Territory.objects.filter(level=Level.GEMEINDE).count() == 421 + 1 + 1104


def _snapshot() -> list[dict]:
    return list(Territory.objects.order_by("key").values())


def test_land_after_land_and_then_all_at_once_changes_nothing():
    for land, expected in (
        ("06", HESSEN_COUNTS),
        ("02", HAMBURG_COUNTS),
        ("01", SCHLESWIG_HOLSTEIN_COUNTS),
    ):
        result = importers.import_shipped_extract(land_keys=[land])
        assert {level: count.created for level, count in result.counts.items()} == expected
        assert result.stale_keys == []
    before = _snapshot()
    again = importers.import_shipped_extracts(None)
    assert {level: count.unchanged for level, count in again.counts.items()} == ALL_COUNTS
    assert all(count.created == count.updated == 0 for count in again.counts.values())
    assert again.stale_keys == [] and again.with_coordinates == 1526
    assert _snapshot() == before
    hessen_again = importers.import_shipped_extract()
    assert {level: count.unchanged for level, count in hessen_again.counts.items()} == (
        HESSEN_COUNTS
    )
    assert hessen_again.stale_keys == []
    assert _snapshot() == before


def test_all_at_once_then_again_changes_nothing():
    first = importers.import_shipped_extract(land_keys=None)
    assert {level: count.created for level, count in first.counts.items()} == ALL_COUNTS
    assert first.skipped[importers.SKIPPED_UNINCORPORATED] == 4 + 0 + 2
    assert first.skipped[importers.SKIPPED_ASSOCIATION] == 425 + 1 + 171
    assert not first.skipped[importers.SKIPPED_OTHER_LAND]
    before = _snapshot()
    second = importers.import_shipped_extracts(["01", "02", "06"])
    assert {level: count.unchanged for level, count in second.counts.items()} == ALL_COUNTS
    assert _snapshot() == before
    populations = dict(Territory.objects.filter(level=Level.LAND).values_list("key", "population"))
    assert populations == {"01": 2_959_517, "02": 1_862_565, "06": 6_280_793}


def test_only_shipped_lander_can_be_chosen():
    with pytest.raises(TerritoryImportError, match="Für 03, 09 ist kein Auszug mitgeliefert"):
        importers.import_shipped_extracts(["06", "09", "03"])
    with pytest.raises(TerritoryImportError, match="Landesschlüssel"):
        importers.import_shipped_extracts(["1"])
    assert not Territory.objects.exists()


def test_one_coordinates_file_can_replace_the_shipped_ones(tmp_path):
    path = tmp_path / "coordinates.csv"
    path.write_text("ags,latitude,longitude\n02000000,53.55,10.0\n01002000,54.32,10.14\n")
    result = importers.import_shipped_extracts(["01", "02"], coordinates_path=path)
    assert result.with_coordinates == 2
    assert Territory.objects.get(key="02000000").longitude == Decimal("10.000000")
    assert Territory.objects.filter(level=Level.GEMEINDE, latitude__isnull=True).count() == 1103
