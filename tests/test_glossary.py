"""Glossary loading: CSV and TBX, and one-line FormatErrors for what cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.errors import FormatError, InputError
from bitext.glossary import load_glossary


def write(tmp_path: Path, text: str, name: str = "g.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_csv_with_header_alternatives_and_note(tmp_path: Path) -> None:
    g = load_glossary(write(tmp_path, "note,source,target\nlaw,court|tribunal,məhkəmə\n"))
    [(src, tgt, entry)] = g.pairs("en", "az")
    assert src == ("court", "tribunal") and tgt == ("məhkəmə",) and entry.note == "law"


def test_csv_without_header_and_semicolons(tmp_path: Path) -> None:
    g = load_glossary(write(tmp_path, "court;məhkəmə\njudge;hakim\n"))
    assert len(g) == 2


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("", "g.csv"),
        ("source,translation\ncourt,məhkəmə\n", "g.csv"),
        ("source,target\ncourt,\n", "g.csv"),
        ("source,target\n", "g.csv"),
        ("<martif><text><body><termEntry>", "g.tbx"),
        ("<martif><text><body></body></text></martif>", "g.tbx"),
        ("\r\x00", "g.csv"),
    ],
)
def test_malformed_glossaries_raise_format_error(tmp_path: Path, text: str, name: str) -> None:
    with pytest.raises(FormatError) as err:
        load_glossary(write(tmp_path, text, name))
    assert "\n" not in str(err.value)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = write(tmp_path, "TOP SECRET", "secret.txt")
    tbx = f"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file://{secret}">]>
<martif><text><body><termEntry>
<langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet>
<langSet xml:lang="az"><tig><term>x</term></tig></langSet>
</termEntry></body></text></martif>"""
    with pytest.raises(FormatError, match="entities"):
        load_glossary(write(tmp_path, tbx, "g.tbx"))


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    tbx = f'<?xml version="1.0"?><!DOCTYPE martif [{lol}]><martif>&lol9;</martif>'
    with pytest.raises(FormatError):
        load_glossary(write(tmp_path, tbx, "g.tbx"))


def test_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_glossary(tmp_path / "missing.csv")
