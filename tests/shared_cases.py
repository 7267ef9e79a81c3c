"""One table of cases for every grammar and format that both Python and the explorer's script
implement: links (``lstm_viz.presentation.explorer.state`` / ``static/explorer/link.js``), numbers
(``lstm_viz.model.formatting`` / ``static/explorer/format.js``), the working
(``…explorer.working`` / ``working.js``) and the challenges' checks (``…explorer.challenges`` /
``challenges.js``).

``tests/presentation/test_state.py`` and ``tests/presentation/test_challenges.py`` check the Python
side, ``tests/site/test_explorer_shared.py`` the script in Chromium, against the very same rows.
"""

from __future__ import annotations

from lstm_viz.presentation.explorer.goals import GOALS
from lstm_viz.presentation.explorer.grammar import MAX_LINK

#: (link as written, the link the page rewrites it to, the keys it reports as adjusted).
LINK_CASES: list[tuple[str, str, list[str]]] = [
    ("", "#s=0.5&c=1", []),
    ("#", "#s=0.5&c=1", []),
    ("s=0.5&c=1", "#s=0.5&c=1", []),
    ("#s=-1.25&c=2&f=0.3&g=-0.4", "#s=-1.25&c=2&f=0.3&g=-0.4", []),
    ("s=3", "#s=3&c=1", []),
    ("c=-2.5&s=+4", "#s=4&c=-2.5", []),
    ("s=.5&c=1.", "#s=0.5&c=1", []),
    ("s=5e-1&c=1E0", "#s=0.5&c=1", []),
    ("s=abc&c=99&f=-2&i=&o=Infinity", "#s=0.5&c=3&f=0", ["s", "c", "f", "i", "o"]),
    ("s=1.99996&c=1", "#s=2&c=1", ["s"]),
    ("s=-0.004&c=-0", "#s=0&c=0", ["s"]),
    ("s=0x10&c=1", "#s=0.5&c=1", ["s"]),
    ("s=1_0&c=1", "#s=0.5&c=1", ["s"]),
    ("s= 1&c=1", "#s=0.5&c=1", ["s"]),
    ("s=nan&c=inf", "#s=0.5&c=1", ["s", "c"]),
    ("s=1e400&c=1", "#s=0.5&c=1", ["s"]),
    ("s=1&c=1&s=2", "#s=1&c=1", ["s"]),
    ("s=1&c=1&zz=3&what", "#s=1&c=1", ["zz", "what"]),
    ("s=1&&c=1&", "#s=1&c=1", []),
    ("s=%2D1&c=1", "#s=-1&c=1", []),
    ("s=%E0%A4%A&c=1", "#s=0.5&c=1", ["s"]),
    ("s=0&c=0&f=0.1234", "#s=0&c=0&f=0.123", ["f"]),
    ("s=0&c=0&o=0.0005", "#s=0&c=0&o=0.001", ["o"]),
    ("s=0&c=0&g=-0.0005", "#s=0&c=0&g=-0.001", ["g"]),
    ("s=0.125&c=-0.125", "#s=0.13&c=-0.13", ["s", "c"]),
    ("s=0&c=1&wf=1&bf=1", "#s=0&c=1&bf=1", []),
    (
        "s=0&c=1&wf=2&bf=-1&wi=0&bi=10&wg=-10&bg=0.5&wo=1&bo=0",
        "#s=0&c=1&wf=2&bf=-1&wi=0&bi=10&wg=-10&bg=0.5",
        [],
    ),
    ("s=0&c=1&wf=11&bo=-99", "#s=0&c=1&wf=10&bo=-10", ["wf", "bo"]),
    ("s=0&c=1&wf=1.23456", "#s=0&c=1&wf=1.2346", ["wf"]),
    ("s=0&c=1&wi=0.03125", "#s=0&c=1&wi=0.0313", ["wi"]),
    ("s=0&c=1&x=4,0,0,0,0,0,0,-4,0,0,0,0", "#s=0&c=1", []),
    ("s=0&c=1&x=1", "#s=0&c=1&x=1", []),
    ("s=0&c=1&x=1,-2.5,0", "#s=0&c=1&x=1,-2.5,0", []),
    ("s=0&c=1&x=1,zz,,3", "#s=0&c=1&x=1,3", ["x"]),
    ("s=0&c=1&x=9,-9,0.125", "#s=0&c=1&x=5,-5,0.13", ["x"]),
    ("s=0&c=1&x=", "#s=0&c=1", ["x"]),
    ("s=0&c=1&x=a,b", "#s=0&c=1", ["x"]),
    # A mail app's encoding: each part is decoded once (%2C a comma, %3D an equals sign) …
    ("s=0&c=1&x=1%2C2", "#s=0&c=1&x=1,2", []),
    ("%73=2&c=1", "#s=2&c=1", []),
    ("s%3D2&c=1", "#s=2&c=1", []),
    # … and only once: what a second encoding hides stays hidden.
    ("s=0&c=1&x=1%252C2", "#s=0&c=1", ["x"]),
    ("s=%252D1&c=1", "#s=0.5&c=1", ["s"]),
    ("goal=hold%26s%3D2", "#s=0.5&c=1", ["goal"]),
    # The page's own minus sign, as typed and as encoded.
    ("s=−1&c=1", "#s=-1&c=1", []),
    ("s=%E2%88%921&c=%E2%88%920.5", "#s=-1&c=-0.5", []),
    # A number too small for a float is not silently 0.
    ("s=1e-400&c=1", "#s=0&c=1", ["s"]),
    ("s=0e-400&c=1", "#s=0&c=1", []),
    ("s=0&c=1&x=1,1e-999", "#s=0&c=1&x=1,0", ["x"]),
    # Gates held at chosen steps: runs of equal values joined, in the grammar's order.
    ("s=0&c=1&x=4,0,0&i1=1&i2-3=0", "#s=0&c=1&x=4,0,0&i1=1&i2-3=0", []),
    ("s=0&c=1&x=1,2,3&f2=0.5&f3=0.5&f1=1", "#s=0&c=1&x=1,2,3&f1=1&f2-3=0.5", []),
    ("s=0&c=1&f2=1", "#s=0&c=1&f2=1", []),
    ("s=0&c=1&f=0.5&f2=1", "#s=0&c=1&f=0.5&f2=1", []),
    ("s=0&c=1&f3-3=1&x=1,2,3", "#s=0&c=1&x=1,2,3&f3=1", []),
    ("s=0&c=1&x=1,2&f3=1", "#s=0&c=1&x=1,2", ["f3"]),
    ("s=0&c=1&x=1,2&f1-5=1", "#s=0&c=1&x=1,2&f1-2=1", ["f1-5"]),
    ("s=0&c=1&f2-30=1", "#s=0&c=1&f2-12=1", ["f2-30"]),
    ("s=0&c=1&f1-24=1&x=1", "#s=0&c=1&x=1&f1=1", ["f1-24"]),
    ("s=0&c=1&x=1,2&f99=1", "#s=0&c=1&x=1,2", ["f99"]),
    ("s=0&c=1&f3-2=1", "#s=0&c=1", ["f3-2"]),
    ("s=0&c=1&f0=1", "#s=0&c=1", ["f0"]),
    ("s=0&c=1&f05=1", "#s=0&c=1", ["f05"]),
    ("s=0&c=1&f2=1.5&g3=-0.0004", "#s=0&c=1&f2=1&g3=0", ["f2", "g3"]),
    ("s=0&c=1&o2=0.0005&x=1,2", "#s=0&c=1&x=1,2&o2=0.001", ["o2"]),
    ("s=0&c=1&f2-4=1&f3=0", "#s=0&c=1&f2-4=1", ["f3"]),
    ("s=0&c=1&f2=1&f2=0", "#s=0&c=1&f2=1", ["f2"]),
    ("s=0&c=1&q2=1", "#s=0&c=1", ["q2"]),
    ("s=0&c=1&f2=abc", "#s=0&c=1", ["f2"]),
    # The goal being worked on: a known key, once.
    ("goal=hold", "#s=0.5&c=1&goal=hold", []),
    ("s=1&c=1&goal=nope", "#s=1&c=1", ["goal"]),
    ("s=1&c=1&goal=hold&goal=keep", "#s=1&c=1&goal=hold", ["goal"]),
    ("goal=HOLD", "#s=0.5&c=1", ["goal"]),
    ("goal=__proto__", "#s=0.5&c=1", ["goal"]),
    # Each adjusted key is named once, however often it comes; no key is a built-in's name.
    ("s=1&c=1&s=2&s=2&s=2&zz=1&zz=2", "#s=1&c=1", ["s", "zz"]),
    (
        "__proto__=1&constructor=2&s=1&c=1&toString=3",
        "#s=1&c=1",
        ["__proto__", "constructor", "toString"],
    ),
    ("s=0&c=1&x=" + ",".join(["1"] * 24), "#s=0&c=1&x=" + ",".join(["1"] * 24), []),
    ("s=0&c=1&x=" + ",".join(["1"] * 30), "#s=0&c=1&x=" + ",".join(["1"] * 24), ["x"]),
    ("s=0&c=1&x=1&x=2", "#s=0&c=1&x=1", ["x"]),
    ("o=1&x=2&bo=3&s=1&c=2", "#s=1&c=2&o=1&bo=3&x=2", []),
]

#: Links longer than MAX_LINK characters (each read to there, and the reader told): (link, the
#: link the page rewrites it to, the keys it reports as adjusted). Long runs of digits, of
#: separators and of encodings — each read in time linear in its length.
LONG_LINK_CASES: list[tuple[str, str, list[str]]] = [
    ("s=" + "1" * 100_000 + "a&c=1", "#s=0.5&c=1", ["s"]),
    ("s=0." + "1" * 100_000 + "&c=1", "#s=0.11&c=1", ["s"]),
    ("s=1&c=1&x=" + "1," * 50_000, "#s=1&c=1&x=" + ",".join(["1"] * 24), ["x"]),
    ("s=1&c=1&" + "zz&" * 100_000, "#s=1&c=1", ["zz"]),
    ("s=1&c=1&x=" + "%25" * 100_000, "#s=1&c=1", ["x"]),
    ("s=2&c=1&" + "&" * (1 << 20), "#s=2&c=1", []),
    ("s=1&c=1&f" + "1" * 100_000 + "=1", "#s=1&c=1", ["f" + "1" * (MAX_LINK - 9)]),
]

#: (link, the step of the sequence the one-step figure shows or None for the reader's own s and
#: c, the text of each equation of the working shown).
WORKING_CASES: list[tuple[str, int | None, dict[str, str]]] = [
    (
        "s=0.5&c=1",
        None,
        {
            "ltm": "ct = f·ct−1 + i·g = 0.62 × 1.00 + 0.62 × 0.46 = 0.91",
            "stm": "ht = o·tanh(ct) = 0.62 × tanh(0.91) = 0.45",
        },
    ),
    (
        "s=-1.25&c=-2&f=0.3&g=-0.4",
        None,
        {
            "ltm": "ct = f·ct−1 + i·g = 0.30 × (−2.00) + 0.22 × (−0.40) = −0.69",
            "stm": "ht = o·tanh(ct) = 0.22 × tanh(−0.69) = −0.13",
        },
    ),
    (
        "s=-6&c=3&o=0",
        None,
        {
            "ltm": "ct = f·ct−1 + i·g = 0.00 × 3.00 + 0.00 × (−1.00) = 0.00",
            "stm": "ht = o·tanh(ct) = 0.00 × tanh(0.00) = 0.00",
        },
    ),
    (
        "s=0&c=1&x=4,0,-4",
        3,
        {
            "s": "s3 = x3 + h2 = −4.00 + 0.69 = −3.31",
            "ltm": "c3 = f·c2 + i·g = 0.04 × 1.94 + 0.04 × (−1.00) = 0.03",
            "stm": "h3 = o·tanh(c3) = 0.04 × tanh(0.03) = 0.00",
        },
    ),
    (
        "s=0&c=-1.5&x=4,0,-4",
        1,
        {
            "s": "s1 = x1 + h0 = 4.00 + 0.00 = 4.00",
            "ltm": "c1 = f·c0 + i·g = 0.98 × (−1.50) + 0.98 × 1.00 = −0.49",
            "stm": "h1 = o·tanh(c1) = 0.98 × tanh(−0.49) = −0.45",
        },
    ),
]

#: (challenge, link, whether the page at that link meets it): every challenge's start (never
#: met), the states that solve it, and states that come close but do not.
CHALLENGE_CASES: list[tuple[str, str, bool]] = [
    (key, link, met)
    for key, goal in GOALS.items()
    if goal.kind == "challenge"
    for links, met in (((goal.start, ""), False), (goal.solutions, True), (goal.misses, False))
    for link in links
]

#: (value, decimals, the text a readout shows): a true minus sign, no minus on a zero, a tie
#: rounded away from zero as toFixed rounds the exact binary value.
NUMBER_CASES: list[tuple[float, int, str]] = [
    (0.0, 2, "0.00"),
    (-0.0, 2, "0.00"),
    (0.5, 2, "0.50"),
    (-0.5, 2, "−0.50"),
    (-8.9e-16, 3, "0.000"),
    (-0.0004, 3, "0.000"),
    (-0.0005, 3, "−0.001"),
    (1.99996, 3, "2.000"),
    (0.125, 2, "0.13"),
    (-0.125, 2, "−0.13"),
    (0.375, 2, "0.38"),
    (2.675, 2, "2.67"),
    (1.005, 2, "1.00"),
    (0.03125, 4, "0.0313"),
    (-6.0, 3, "−6.000"),
    (123456.789, 1, "123456.8"),
    (0.999, 0, "1"),
    (-0.4, 0, "0"),
    (-0.5, 0, "−1"),
    (1e-300, 3, "0.000"),
]

#: (value, the shortest text of it to 4 places, as a link writes it).
PLAIN_CASES: list[tuple[float, str]] = [
    (0.0, "0"),
    (-0.0, "0"),
    (-0.00001, "0"),
    (0.5, "0.5"),
    (-2.5, "-2.5"),
    (100.0, "100"),
    (0.03125, "0.0313"),
    (1.23456, "1.2346"),
    (-1.23455, "-1.2346"),
    (0.0001, "0.0001"),
    (4.0, "4"),
    (-10.0, "-10"),
]

# The review reader of the RNN-versus-LSTM page: ``lstm_viz.experiment.reader`` and
# ``static/review-reader/{reader,link}.js``. tests/experiment/test_reader.py checks the Python
# side, tests/site/test_rnn_vs_lstm_reader.py the script in Chromium.

#: (text, the words read, the unknown ones (each once), the known word offered for each).
READING_CASES: list[tuple[str, list[str], list[str], list[str]]] = [
    ("", [], [], []),
    (
        "The acting was VERY bad, direction was Ok — but I loved the movie!",
        "the acting was very bad direction was ok but i loved the movie".split(),
        [],
        [],
    ),
    ("the acting was awful, awful", ["the", "acting", "was", "awful", "awful"], ["awful"], ["was"]),
    ("snake_case it's", ["snake", "case", "it", "s"], ["snake", "case", "it", "s"],
     ["the", "was", "i", "i"]),
    ("<b>bad</b> &amp; good", ["b", "bad", "b", "amp", "good"], ["b", "amp"], ["i", "and"]),
    ("Émile: 5 stars, ٣", ["émile", "5", "stars", "٣"], ["émile", "5", "stars", "٣"],
     ["fine", "i", "was", "i"]),
    ("ΣΟΦΟΣ İstanbul", ["σοφος", "i", "stanbul"], ["σοφος", "stanbul"], ["the", "but"]),
    ("ＢＡＤ movies🎬loved", ["ｂａｄ", "movies", "loved"], ["ｂａｄ", "movies"], ["the", "movie"]),
]  # fmt: skip

#: (text, the hash of the link to it): ``encodeURIComponent`` with "+" for a space, cut to the
#: reader's longest review (counted in characters, not UTF-16 units).
REVIEW_LINK_CASES: list[tuple[str, str]] = [
    ("", "#review="),
    ("the acting was bad", "#review=the+acting+was+bad"),
    (
        "The acting was very bad, direction was Ok, but I loved the movie",
        "#review=The+acting+was+very+bad%2C+direction+was+Ok%2C+but+I+loved+the+movie",
    ),
    ("a+b & c=d#e", "#review=a%2Bb+%26+c%3Dd%23e"),
    ("it's (very) good!~*_.-", "#review=it's+(very)+good!~*_.-"),
    ("<img src=x onerror=alert(1)>", "#review=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"),
    ("café 🎬", "#review=caf%C3%A9+%F0%9F%8E%AC"),
    ("x" * 450, "#review=" + "x" * 400),
    ("🎬" * 401, "#review=" + "%F0%9F%8E%AC" * 400),
]

#: (hash, the review the page reads from it or None, whether it says the link could not be read
#: or was cut). Only the script reads links; Python writes them (REVIEW_LINK_CASES).
REVIEW_HASH_CASES: list[tuple[str, str | None, bool]] = [
    ("", None, False),
    ("#", None, False),
    ("#s=1&c=2", None, False),
    ("#review=", "", False),
    ("#review=a+b&x=1", "a b", False),
    ("#x=1&review=bad", "bad", False),
    ("#review=100%25+a%2Bb", "100% a+b", False),
    ("#review=%E0%A4%A", None, True),
    ("#review=%", None, True),
    ("#review=" + "ab" * 300, "ab" * 200, True),
]
