"""Hand-made English/Azerbaijani alignments for tests, demos and the TUI benchmark.

No Textual here: the engine tests use these too.
"""

from __future__ import annotations

from bitext.model import Alignment, Flag, Link, Mode, Severity, Side, Signature

EN = (
    "The Caspian Sea is the largest enclosed body of water on Earth.",
    "Its surface lies about 28 metres below sea level.",
    "Baku, the capital of Azerbaijan, stands on the western shore.",
    "Oil has been extracted near Baku since the 19th century.",
    "In 1901 the region produced more than half of the world's oil.",
    "The sturgeon population has fallen sharply since 1990.",
    "Scientists warn that the sea level could drop by nine metres by 2100.",
    "Ninety rivers flow into the Caspian, the Volga being the largest.",
)

AZ = (
    "Xəzər dənizi Yer kürəsində ən böyük qapalı su hövzəsidir.",
    "Onun səthi dəniz səviyyəsindən təxminən 28 metr aşağıdadır.",
    "Azərbaycanın paytaxtı Bakı şərq sahilində yerləşir.",
    "Bakı yaxınlığında neft XIX əsrdən bəri çıxarılır.",
    "1910-cu ildə region dünya neftinin yarısından çoxunu istehsal edirdi.",
    "Nərə balıqlarının sayı 1990-cı ildən bəri kəskin azalıb.",
    "Alimlər xəbərdarlıq edir ki, dəniz səviyyəsi 2100-cü ilə qədər doqquz metr düşə bilər.",
    "Xəzərə doxsan çay tökülür, onların ən böyüyü Volqadır.",
)

AZ_SUMMARY = (
    "Xəzər dənizi dünyanın ən böyük qapalı su hövzəsidir və Bakı onun qərb sahilindədir.",
    "1901-ci ildə region dünya neftinin yarısından çoxunu verirdi.",
    "Nərə balıqlarının sayı 1990-cı ildən bəri artıb.",
)


def make_flag(
    kind: str, severity: Severity, src: str, tgt: str, source_excerpt: str, target_excerpt: str, message: str
) -> Flag:
    """A flag whose spans are found in the link's joined texts, as the checks report them."""

    def span(text: str, excerpt: str) -> tuple[int, int] | None:
        at = text.find(excerpt) if excerpt else -1
        return None if at < 0 else (at, at + len(excerpt))

    return Flag(
        kind,
        severity,
        source_excerpt,
        target_excerpt,
        span(src, source_excerpt),
        span(tgt, target_excerpt),
        message,
    )


def _signature(mode: Mode) -> Signature:
    return Signature(bitext="0.1.0", model="test", segmenter="test", mode=mode)


def translation_sample() -> Alignment:
    """Eight English sentences and their Azerbaijani translation, with an opposite and a date flag."""
    flags = {
        2: (
            make_flag(
                "opposite",
                "major",
                EN[2],
                AZ[2],
                "western",
                "şərq",
                "'western' is rendered as 'şərq' (eastern): opposite direction",
            ),
        ),
        4: (
            make_flag("date", "major", EN[4], AZ[4], "1901", "1910", "year 1901 became 1910"),
            make_flag("number", "minor", EN[4], AZ[4], "half", "yarısından", "check the proportion"),
        ),
        7: (
            make_flag("name", "info", EN[7], AZ[7], "Volga", "Volqadır", "name transliterated: Volga/Volqa"),
        ),
    }
    links = tuple(Link(i, (i,), (i,), 0.9, flags=flags.get(i, ())) for i in range(len(EN)))
    return Alignment(
        Side.from_texts("en", "caspian.en.txt", EN),
        Side.from_texts("az", "caspian.az.txt", AZ),
        links,
        _signature("translation"),
    )


def summary_sample() -> Alignment:
    """The English article (body) and a three-sentence Azerbaijani summary; four body sentences unlinked."""
    opposite = make_flag(
        "opposite",
        "major",
        EN[5],
        AZ_SUMMARY[2],
        "fallen",
        "artıb",
        "'fallen' is summarised as 'artıb' (increased): opposite meaning",
    )
    links = (
        Link(0, (0, 2), (0,), 0.88),
        Link(1, (1,), (), 0.0),
        Link(2, (3,), (), 0.0),
        Link(3, (4,), (1,), 0.91),
        Link(4, (5,), (2,), 0.86, flags=(opposite,)),
        Link(5, (6,), (), 0.0),
        Link(6, (7,), (), 0.0),
    )
    return Alignment(
        Side.from_texts("en", "caspian.en.txt", EN),
        Side.from_texts("az", "caspian.az.txt", AZ_SUMMARY),
        links,
        _signature("summary"),
    )


def synthetic(n_links: int = 5000) -> Alignment:
    """``n_links`` one-to-one links cycling through the sample, every seventh flagged (for benchmarks)."""
    src = [f"{EN[i % len(EN)]} ({i})" for i in range(n_links)]
    tgt = [f"{AZ[i % len(AZ)]} ({i})" for i in range(n_links)]
    kinds: tuple[tuple[str, Severity], ...] = (("number", "major"), ("name", "minor"), ("meaning", "info"))
    links = []
    for i in range(n_links):
        flags: tuple[Flag, ...] = ()
        if i % 7 == 3:
            kind, severity = kinds[(i // 7) % len(kinds)]
            flags = (make_flag(kind, severity, src[i], tgt[i], f"({i})", f"({i})", f"synthetic {kind} flag"),)
        links.append(Link(i, (i,), (i,), 0.8 + (i % 20) / 100, flags=flags))
    return Alignment(
        Side.from_texts("en", "synthetic.en", src),
        Side.from_texts("az", "synthetic.az", tgt),
        tuple(links),
        _signature("translation"),
    )
