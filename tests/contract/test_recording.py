"""Re-recording the OMDb cassettes, rehearsed: `tox -e record` as a maintainer runs it,
with the fake OMDb server standing in for OMDb.

The record stage's own commands (read from tox.ini, so the rehearsal follows any change to
them) run with a made-up key, OMDB_BASE_URL pointing at the fake server and OMDB_CASSETTES
at a copy of tests/cassettes/. Every cassette it may rewrite must be rewritten, naming
OMDb's address and the key placeholder only; the replay-only ones must be left as they
are; and the tests that replay cassettes must pass on what was recorded.

Its pytest command gets `-m vcr` for {posargs} (`tox -e record -- -m vcr` does the same):
only the tests with a cassette record anything, and the rest of the contract suite runs
in this stage anyway. Should a cassette test lose its marker, the cassette would not be
rewritten, and the rehearsal says so.
"""

from __future__ import annotations

import configparser
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from movie_tracker.config import DEFAULT_OMDB_BASE_URL
from tests.conftest import CASSETTES
from tests.fakes.omdb_catalogue import PLACEHOLDER_API_KEY
from tests.fakes.omdb_server import FakeOmdbServer

ROOT = Path(__file__).resolve().parents[2]
STAGE = "testenv:record"
# OMDb cannot be put over its daily limit on demand: these hand-written answers are replayed.
REPLAY_ONLY = {
    "test_omdb_contract/test_request_limit_reached.yaml",
    "test_service_omdb/test_a_lookup_over_the_limit_stores_nothing.yaml",
}
STAND_IN = ("OMDB_API_KEY", "OMDB_BASE_URL", "OMDB_CASSETTES")
TIMEOUT = 600


def record_stage() -> configparser.SectionProxy:
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(ROOT / "tox.ini")
    return tox[STAGE]


def lines(value: str) -> list[str]:
    return [line.strip() for line in value.strip().splitlines() if line.strip()]


POSARGS = ["-m", "vcr"]


def as_run_here(command: str) -> list[str]:
    """A command of the stage, run with this interpreter, POSARGS for {posargs}."""
    words = []
    for word in shlex.split(command):
        words.extend(POSARGS if word == "{posargs}" else [word])
    if words[0] == "pytest":
        return [sys.executable, "-m", "pytest", *words[1:]]
    if words[0] == "python":
        return [sys.executable, *words[1:]]
    return words


def stage_environment(stand_in: dict[str, str]) -> dict[str, str]:
    """This process's environment as tox would hand it to the stage: no OMDb or database
    setting of ours, the stage's set_env, then what it passes through."""
    ours = ("OMDB_", "DATABASE_URL", "TEST_BACKEND", "TEST_POSTGRES_URL", "COVERAGE_")
    environment = {key: value for key, value in os.environ.items() if not key.startswith(ours)}
    for setting in lines(record_stage().get("set_env", "")):
        name, _, value = setting.partition("=")
        environment[name.strip()] = value.strip()
    return environment | stand_in


def run(command: list[str], environment: dict[str, str]) -> str:
    done = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=TIMEOUT
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{shlex.join(command)} failed:\n{output[-5000:]}"
    return output


def cassettes(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*.yaml")}


@pytest.fixture(scope="module")
def rehearsal(request: pytest.FixtureRequest, tmp_path_factory) -> tuple[Path, str]:
    """The record stage run against the fake OMDb into a copy of the cassettes; the copy
    and the made-up key it was run with."""
    if request.config.getoption("--record-mode") not in (None, "none"):
        pytest.skip("this is the record stage itself: it records, it does not rehearse")
    copy = tmp_path_factory.mktemp("rehearsal") / "cassettes"
    shutil.copytree(CASSETTES, copy, ignore=shutil.ignore_patterns("__pycache__"))
    key = f"made-up-{secrets.token_hex(12)}"
    with FakeOmdbServer() as omdb:
        stand_in = {"OMDB_API_KEY": key, "OMDB_BASE_URL": omdb.url, "OMDB_CASSETTES": str(copy)}
        environment = stage_environment(stand_in)
        for command in lines(record_stage()["commands"]):
            run(as_run_here(command), environment)
        assert omdb.requests_served > 0
    return copy, key


def test_the_record_stage_lets_a_stand_in_omdb_and_cassette_folder_through():
    passed = set(lines(record_stage()["pass_env"]))
    assert passed >= set(STAND_IN)


def test_every_recordable_cassette_is_rewritten_asking_omdb_with_the_placeholder(rehearsal):
    copy, _ = rehearsal
    before, after = cassettes(CASSETTES), cassettes(copy)
    assert set(after) == set(before)  # none left behind, none made up
    recordable = sorted(set(before) - REPLAY_ONLY)
    assert recordable
    assert [name for name in recordable if after[name] == before[name]] == []
    for name in recordable:
        interactions = yaml.safe_load(after[name])["interactions"]
        assert interactions, name
        for interaction in interactions:
            uri = interaction["request"]["uri"]
            assert uri.startswith(f"{DEFAULT_OMDB_BASE_URL}?"), (name, uri)
            assert f"apikey={PLACEHOLDER_API_KEY}" in uri, (name, uri)
            assert "CF-RAY" not in interaction["response"]["headers"], name  # the fake's


def test_the_made_up_key_is_in_no_cassette(rehearsal):
    copy, key = rehearsal
    leaks = [path for path in copy.rglob("*") if path.is_file() and key in path.read_text()]
    assert leaks == []
    keys = {
        found
        for path in copy.rglob("*.yaml")
        for found in re.findall(r"apikey=([^&\s'\"]+)", path.read_text())
    }
    assert keys == {PLACEHOLDER_API_KEY}


def test_the_replay_only_cassettes_are_left_as_they_were(rehearsal):
    copy, _ = rehearsal
    before, after = cassettes(CASSETTES), cassettes(copy)
    assert {name: after[name] for name in REPLAY_ONLY} == {
        name: before[name] for name in REPLAY_ONLY
    }
    assert (copy / "README.md").read_bytes() == (CASSETTES / "README.md").read_bytes()


def test_the_tests_that_replay_cassettes_pass_on_the_new_recording(rehearsal):
    copy, _ = rehearsal
    pytest_line = next(line for line in lines(record_stage()["commands"]) if "pytest" in line)
    paths = [word for word in shlex.split(pytest_line)[1:] if not word.startswith(("-", "{"))]
    environment = stage_environment({"OMDB_API_KEY": "", "OMDB_CASSETTES": str(copy)})
    output = run([sys.executable, "-m", "pytest", "-m", "vcr", "-q", *paths], environment)
    assert re.search(r"\b\d+ passed\b", output), output[-2000:]
    assert not re.search(r"\b\d+ (failed|error)", output), output[-2000:]
