"""The framework file: the shipped national framework, and mistakes reported at their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mooc.content.framework_file import read_framework, read_ward
from mooc.content.problems import ContentError, Problem
from mooc.domain.framework import Framework

PROJECT = Path(__file__).resolve().parents[3]
TEST_FRAMEWORK = PROJECT / "tests" / "data" / "content" / "framework" / "framework.yaml"
SHOWN = "framework/framework.yaml"


@pytest.fixture(scope="module")
def shipped() -> Framework:
    return read_framework(PROJECT / "framework" / "framework.yaml", SHOWN)


def test_the_shipped_framework_has_the_six_national_domains_and_domain_0(shipped):
    assert [d.code for d in shipped.domains] == ["0", "1", "2", "3", "4", "5", "6"]


def test_the_six_national_domains_have_24_competences(shipped):
    national = [c.code for d in shipped.domains if d.code != "0" for c in d.competences]
    assert len(national) == 24
    assert [len(d.competences) for d in shipped.domains] == [2, 3, 6, 4, 4, 4, 3]


def test_every_competence_belongs_to_its_domain(shipped):
    assert all(c.code.startswith(f"{c.domain_code}.") for c in shipped.competences)
    assert shipped.competency("6.1").domain_code == "6"


def test_the_shipped_framework_has_exactly_the_four_groups(shipped):
    assert [g.code for g in shipped.groups] == ["nguoi_dan", "can_bo", "hoc_sinh", "nguoi_lao_dong"]


def test_every_group_has_required_modules_and_pupils_have_one_path_per_grade_band(shipped):
    assert [g.code for g in shipped.groups if g.is_open] == [
        "nguoi_dan",
        "can_bo",
        "hoc_sinh",
        "nguoi_lao_dong",
    ]
    pupils = next(g for g in shipped.groups if g.code == "hoc_sinh")
    assert [b.code for b in pupils.bands] == ["CB1", "CB2", "TC1", "TC2", "NC1"]
    assert pupils.modules == () and all(b.modules for b in pupils.bands)
    assert pupils.for_band("TC1").name == "Học sinh · Lớp 6–7"
    assert pupils.for_band("XX") is None


def test_the_shared_core_is_one_module_reused_by_the_adult_groups(shipped):
    adults = [g for g in shipped.groups if g.code in ("nguoi_dan", "can_bo", "nguoi_lao_dong")]
    for slug in ("vneid-danh-tinh-so", "lua-dao-va-du-lieu-ca-nhan"):
        assert all(slug in g.modules for g in adults)
    assert len(shipped.group("nguoi_dan").modules) == 6


def test_each_group_and_grade_band_carries_its_plausible_ages(shipped):
    pupils = shipped.group("hoc_sinh")
    assert {b.code: b.ages for b in pupils.bands} == {
        "CB1": (5, 11),
        "CB2": (8, 13),
        "TC1": (10, 15),
        "TC2": (12, 17),
        "NC1": (14, 21),
    }
    assert [(g.code, g.ages) for g in shipped.groups if not g.bands] == [
        ("nguoi_dan", (15,)),
        ("can_bo", (18,)),
        ("nguoi_lao_dong", (15,)),
    ]
    assert pupils.for_band("TC2").ages == (12, 17)


AGES_SHAPE = "'ages' is [min, max] in whole years, like [5, 11], or [15] for 15 and older"


@pytest.mark.parametrize(
    ("ages", "message"),
    [
        ("[11, 5]", f"{AGES_SHAPE}: min ≤ max, both between 0 and 120"),
        ("[5, 200]", f"{AGES_SHAPE}: min ≤ max, both between 0 and 120"),
        ("[5, 8, 11]", AGES_SHAPE),
        ("mười lăm", AGES_SHAPE),
        ("[5.5, 11]", AGES_SHAPE),
    ],
)
def test_wrong_ages_are_reported_at_their_line(tmp_path, ages, message):
    problem = framework_problem(tmp_path, "    pass_mark: 80\n", f"    pass_mark: 80\n    ages: {ages}\n")
    assert problem == Problem(SHOWN, 23, message)


def test_ages_written_as_min_alone_or_with_an_empty_max_read_the_same(tmp_path):
    for written in ("[15]", "[15, null]", "[15, ~]"):
        text = TEST_FRAMEWORK.read_text(encoding="utf-8").replace(
            "    pass_mark: 80\n", f"    pass_mark: 80\n    ages: {written}\n", 1
        )
        path = tmp_path / "framework.yaml"
        path.write_text(text, encoding="utf-8")
        assert read_framework(path, SHOWN).group("nguoi_dan").ages == (15,), written


def test_the_shipped_framework_has_eight_levels(shipped):
    assert [level.bac for level in shipped.levels] == list(range(1, 9))


def test_the_shipped_ward_file_reads():
    ward = read_ward(PROJECT / "framework" / "ward.yaml", "framework/ward.yaml")
    assert (ward.code, ward.name) == ("phu-lien", "Phường Phù Liễn")
    assert ward.residential_groups[0] == "Tổ dân phố số 1"


def framework_problem(tmp_path: Path, old: str, new: str) -> Problem:
    text = TEST_FRAMEWORK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "framework.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_framework(path, SHOWN)
    return caught.value.problem


def test_the_test_framework_reads():
    framework = read_framework(TEST_FRAMEWORK, SHOWN)
    assert [c.code for c in framework.competences] == ["4.1", "4.2"]


def test_a_duplicate_competence_code_is_rejected(tmp_path):
    problem = framework_problem(tmp_path, '{code: "4.2"', '{code: "4.1"')
    assert (problem.path, problem.message) == (SHOWN, "competence 4.1 is listed twice")


def test_a_duplicate_competence_code_is_reported_at_its_line(tmp_path):
    problem = framework_problem(tmp_path, '{code: "4.2"', '{code: "4.1"')
    assert problem == Problem(SHOWN, 16, "competence 4.1 is listed twice")


def test_a_competence_outside_its_domain_is_rejected(tmp_path):
    problem = framework_problem(tmp_path, '{code: "4.2"', '{code: "5.2"')
    assert (problem.path, problem.message) == (SHOWN, "competence 5.2 is not in domain 4")


def test_a_competence_outside_its_domain_is_reported_at_its_line(tmp_path):
    problem = framework_problem(tmp_path, '{code: "4.2"', '{code: "5.2"')
    assert problem == Problem(SHOWN, 16, "competence 5.2 is not in domain 4")


def test_a_pass_mark_out_of_range_is_reported_at_its_line(tmp_path):
    assert framework_problem(tmp_path, "pass_mark: 80", "pass_mark: 120") == Problem(
        SHOWN, 22, "'pass_mark' must be between 1 and 100, not 120"
    )


def test_a_pass_mark_that_is_not_a_number_is_reported_at_its_line(tmp_path):
    assert framework_problem(tmp_path, "pass_mark: 80", "pass_mark: tám mươi") == Problem(
        SHOWN, 22, "'pass_mark' must be a whole number"
    )


def test_an_unknown_group_key_is_reported_at_its_line(tmp_path):
    assert framework_problem(
        tmp_path, "    pass_mark: 80\n", "    pass_mark: 80\n    passmark: 90\n"
    ) == Problem(
        SHOWN,
        23,
        "unknown key 'passmark' (allowed: ages, bands, code, competences, decided_by, description, "
        "modules, name, name_en, pass_mark, target_level)",
    )


def test_an_unknown_top_level_key_is_reported_at_its_line(tmp_path):
    assert framework_problem(tmp_path, "levels:", "level:") == Problem(
        SHOWN, 7, "unknown key 'level' (allowed: domains, framework, groups, levels, version)"
    )


def test_a_missing_group_key_is_reported_at_the_group(tmp_path):
    assert framework_problem(tmp_path, "    target_level: 1\n", "") == Problem(
        SHOWN, 18, "missing required key 'target_level'"
    )


def test_a_target_level_beyond_the_listed_levels_is_rejected(tmp_path):
    assert framework_problem(tmp_path, "target_level: 1", "target_level: 3") == Problem(
        SHOWN, 21, "'target_level' must be between 1 and 2, not 3"
    )


def test_a_module_listed_twice_is_rejected(tmp_path):
    assert framework_problem(tmp_path, "modules: [alpha, beta]", "modules: [alpha, alpha]") == Problem(
        SHOWN, 23, "a module is listed twice"
    )


def test_a_group_code_listed_twice_is_rejected(tmp_path):
    assert framework_problem(tmp_path, "code: can_bo", "code: nguoi_dan") == Problem(
        SHOWN, 17, "a group code is listed twice"
    )


def test_levels_out_of_order_are_rejected(tmp_path):
    assert framework_problem(tmp_path, "{bac: 2,", "{bac: 3,") == Problem(
        SHOWN, 7, "levels must be listed as bac 1, 2, 3 … in order"
    )
