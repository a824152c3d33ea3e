"""The form editor's YAML writer (vademecum/editors/admin/keep-yaml.js), run with Node on real files.

It is given the data the editor saves (what Sveltia CMS hands to a format's `toFile`: the file's
data with empty fields left out) and must change only the lines of what differs.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO

WRITER = REPO / "vademecum" / "editors" / "admin" / "keep-yaml.js"
YAML_LIBRARY = REPO / "node_modules" / "yaml" / "browser" / "dist"

HARNESS = """
import { fromFile, toFile } from './keep-yaml.js';
import fs from 'fs';
const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const dropEmpty = (v) => {
  if (Array.isArray(v)) return v.map(dropEmpty);
  if (v && typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      const empty = x === null || x === '' || (Array.isArray(x) && !x.length)
        || (typeof x === 'object' && x && !Array.isArray(x) && !Object.keys(x).length);
      if (!empty) out[k] = dropEmpty(x);
    }
    return out;
  }
  return v;
};
const out = cases.map(({ text, edit }) => {
  const content = dropEmpty(fromFile(text));
  const data = new Function('data', edit + '; return data;')(content);
  return toFile(data);
});
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def write_with(tmp_path_factory):
    node = shutil.which("node")
    if node is None or not YAML_LIBRARY.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("Node ou node_modules/yaml absent : `make test` les installe (npm ci).")
        pytest.skip("node ou node_modules absent (npm ci)")
    folder = tmp_path_factory.mktemp("keep-yaml")
    shutil.copy(WRITER, folder / "keep-yaml.js")
    (folder / "vendor").mkdir()
    (folder / "vendor" / "yaml").symlink_to(YAML_LIBRARY)
    (folder / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    (folder / "harness.js").write_text(HARNESS, encoding="utf-8")

    def run(cases: list[tuple[str, str]]) -> list[str]:
        request = folder / "cases.json"
        request.write_text(json.dumps([{"text": t, "edit": e} for t, e in cases]), encoding="utf-8")
        done = subprocess.run(
            [node, "harness.js", str(request)],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return json.loads(done.stdout)

    return run


def _diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if not line.startswith(("---", "+++", "@@"))
    ]


VERSAILLES = (REPO / "data" / "academies" / "versailles" / "tasks.yml").read_text(encoding="utf-8")


def test_every_data_file_saved_unchanged_is_byte_identical(write_with):
    files = sorted((REPO / "data").rglob("*.yml"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len(texts) > 40
    written_files = write_with([(t, "") for t in texts])
    for path, text, written in zip(files, texts, written_files, strict=True):
        assert written == text, path


def test_a_new_change_adds_only_its_lines(write_with):
    edit = "data.change = [...(data.change ?? []), {id: 't', when: ['juin', 'juillet']}]"
    (written,) = write_with([(VERSAILLES, edit)])
    assert _diff(VERSAILLES, written) == [
        *(["+change:"] if "\nchange:" not in VERSAILLES else []),
        "+  - id: t",
        "+    when: [juin, juillet]",
    ]
    assert written.startswith("# yaml-language-server: $schema=../../../schema/tasks.json\n")


def test_edits_touch_only_their_lines_and_keep_the_house_style(write_with):
    data = yaml.safe_load(VERSAILLES)
    first, second, third = (t["id"] for t in data["tasks"][:3])
    edit = (
        "data.tasks[0].title = 'Titre : avec deux-points';"
        "data.tasks[1].when = ['juin'];"
        "data.tasks.splice(2, 1);"
        "data.tasks.push({id: 'nouvelle', title: 'Nouvelle', when: ['mai'],"
        " who: {lead: 'chef-etablissement', with: ['rupn']}, themes: ['ent'],"
        " source: {document: 'd', section: 's'}});"
    )
    (written,) = write_with([(VERSAILLES, edit)])
    diff = _diff(VERSAILLES, written)
    assert '+    title: "Titre : avec deux-points"' in diff
    assert "+    when: [juin]" in diff
    assert f"-  - id: {third}" in diff
    assert diff[-6:] == [
        "+  - id: nouvelle",
        "+    title: Nouvelle",
        "+    when: [mai]",
        "+    who: {lead: chef-etablissement, with: [rupn]}",
        "+    themes: [ent]",
        "+    source: {document: d, section: s}",
    ]
    added = [line for line in diff if line.startswith("+")]
    assert len(added) == 8, diff  # title, when, and the new task's six lines
    saved = yaml.safe_load(written)
    assert [t["id"] for t in saved["tasks"][:2]] == [first, second]
    assert saved["tasks"][0]["title"] == "Titre : avec deux-points"


def test_what_cannot_be_spliced_is_written_whole_with_its_leading_comments(write_with):
    text = "# yaml-language-server: $schema=x.json\n# note\ntasks:\n  - id: a\n  - id: b\n"
    (written,) = write_with([(text, "data.tasks.reverse()")])
    assert written.startswith("# yaml-language-server: $schema=x.json\n# note\n")
    assert yaml.safe_load(written) == {"tasks": [{"id": "b"}, {"id": "a"}]}


def test_a_folded_text_stays_folded_at_the_house_width(write_with):
    text = "tasks:\n  - id: a\n    details: >-\n      Un texte\n      plié.\n    when: [mai]\n"
    long = " ".join(["Un texte bien plus long que la largeur de la maison."] * 4)
    (written,) = write_with([(text, f"data.tasks[0].details = {json.dumps(long)}")])
    diff = _diff(text, written)
    assert "-    details: >-" not in diff and diff[:2] == ["-      Un texte", "-      plié."]
    added = [line[1:] for line in diff if line.startswith("+")]
    assert len(added) > 1 and all(len(line) <= 100 and line.startswith(" " * 6) for line in added)
    assert yaml.safe_load(written)["tasks"][0]["details"] == long
