import pytest

from odoo.addons.autoparts_fitment.lib import vin

# VINs published in public VIN-decoder test suites and documentation (make, model year)
REAL_VINS = [
    ("1HGCM82633A004352", "Honda", 2003, "United States"),
    ("JN1DA31D63T505967", "Nissan", 2003, "Japan"),
    ("1XPTD40X6JD456115", "Peterbilt", 1988, "United States"),
    ("1M8GDM9AXKP042788", "Motor Coach Industries", 1989, "United States"),
    ("5YJSA1DG9DFP14705", "Tesla", 2013, "United States"),
    ("3VWDX7AJ2BM339496", "Volkswagen", 2011, "Mexico"),
    ("JH4KA7561PC008269", "Acura", 1993, "Japan"),
    ("1G1JC5444R7252367", "Chevrolet", 1994, "United States"),
    ("1GNALDEK9FZ108495", "Chevrolet", 2015, "United States"),
    ("1C4RJFAG0FC625797", "Jeep", 2015, "United States"),
    ("JTDKB20U093515464", "Toyota", 2009, "Japan"),
    ("LVSHCAMB1CE054249", "Ford", 2012, "China"),
    ("1FMCU0GX3DUC59421", "Ford", 2013, "United States"),
    ("KMHDH4AE1DU123456", "Hyundai", 2013, "South Korea"),
    ("SCFAC23302B500083", "Aston Martin", 2002, "United Kingdom"),
    ("1G1ZT53826F109149", "Chevrolet", 2006, "United States"),
    ("WVWZZZ1KZ6W612305", "Volkswagen", 2006, "Germany"),
    # Mexican plants (3A-3X), check digit computed on a real WMI/VDS pattern
    ("3N1CN7AD6HK400001", "Nissan", 2017, "Mexico"),
    ("3VW2K7AJ8EM200001", "Volkswagen", 2014, "Mexico"),
    ("3G1TA5AF2DL100001", "Chevrolet", 2013, "Mexico"),
    ("3KPA24AB2JE000001", "Kia", 2018, "Mexico"),
    ("3MZBN1U70HM100001", "Mazda", 2017, "Mexico"),
]


@pytest.mark.parametrize(("number", "make", "year", "country"), REAL_VINS)
def test_real_vins(number, make, year, country):
    info = vin.decode(number, current_year=2026)
    assert (info.manufacturer, info.model_year, info.country) == (make, year, country)
    assert info.wmi == number[:3]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("1HGCM82633A004352", "3"),
        ("1M8GDM9AXKP042788", "X"),  # remainder 10 is written X
        ("11111111111111111", "1"),
        ("1G1JC5444R7252367", "4"),
    ],
)
def test_check_digit(number, expected):
    assert vin.check_digit(number) == expected


def test_transliteration_table():
    # letters share values in groups of the 49 CFR 565 table; I, O, Q have none
    assert [vin._TRANSLITERATION[c] for c in "AHJNPRSZ"] == [1, 8, 1, 5, 7, 9, 2, 9]
    assert not {"I", "O", "Q"} & set(vin._TRANSLITERATION)


@pytest.mark.parametrize(
    ("position7", "position10", "year"),
    [("1", "A", 1980), ("A", "A", 2010), ("5", "Y", 2000), ("C", "Y", 2030), ("2", "9", 2009), ("R", "9", 2039)],
)
def test_year_rule_position_7(position7, position10, year):
    number = "1HGCM8" + position7 + "63" + position10 + "A004352"
    assert vin.model_year(number, follows_565=True) == year


def test_year_without_565_takes_latest_plausible():
    number = "WVWZZZ1KZ6W612305"
    assert vin.model_years(number) == (2006, 2036)
    assert vin.model_year(number, follows_565=False, current_year=2026) == 2006
    assert vin.model_year(number.replace("Z6W", "ZAW"), follows_565=False, current_year=2026) == 2010


def test_clean_spaces_dashes_case():
    assert vin.decode(" 1hgcm826-33a004352 ").vin == "1HGCM82633A004352"


@pytest.mark.parametrize(
    ("number", "code", "position"),
    [
        ("", "empty", None),
        ("1HGCM82633A00435", "length", None),
        ("1HGCM82633A0043521", "length", None),
        ("1HGCM82633AO04352", "character", 12),
        ("IHGCM82633A004352", "character", 1),
        ("1HGCM82633A00435Q", "character", 17),
        ("1HGCM82643A004352", "check_digit", 9),
        ("3VWDX7AJ3BM339496", "check_digit", 9),
    ],
)
def test_bad_vins(number, code, position):
    with pytest.raises(vin.VinError) as error:
        vin.decode(number)
    assert error.value.code == code
    assert error.value.position == position


def test_wrong_check_digit_outside_north_america_is_a_warning():
    info = vin.decode("WVWZZZ1KZ6W612305")
    assert not info.check_digit_valid
    assert "check_digit" in info.warnings
    assert info.expected_check_digit == vin.check_digit("WVWZZZ1KZ6W612305")


def test_unknown_wmi_country_from_ranges():
    number = "3WZCN7AD0HK400001"
    number = number[:8] + vin.check_digit(number) + number[9:]
    info = vin.decode(number, current_year=2026)
    assert info.country == "Mexico"
    assert info.manufacturer is None
    assert "manufacturer" in info.warnings
