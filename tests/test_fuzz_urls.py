"""No URL answers 500, whatever its query string, form or path holds (issue 10, point 11).

Every URL of the map (tests/url_map.py, the URL x role matrix's), and allauth's account forms,
gets its own test, so xdist spreads them. Each test asks as a role allowed to open the URL,
with hypothesis drawing the parameters: the names the view reads (its source and forms, and
the fields and links of its page) plus common and random ones, each given hostile values (NUL
bytes, invalid UTF-8, huge, negative and non-finite numbers, impossible dates, other
coalitions' ids, several values where one is expected). The profile is derandomized and
bounded: the same requests every run.
"""

import inspect
import re
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django import forms
from django.db import transaction
from django.test import Client
from django.urls import get_resolver
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coalitions.models import Role

from .conftest import World
from .factories import MembershipFactory, OrganizationFactory
from .matrix_roles import BOTH
from .url_map import ALL_PATTERNS, EXPECTED, build_url, object_kwargs, walk

FUZZ = settings(max_examples=10, derandomize=True, deadline=None, database=None, print_blob=False,
                suppress_health_check=list(HealthCheck))

COMMON_NAMES = ["q", "page", "period", "indicator", "organization", "status", "year", "sort", "format", "plan",
                "action", "meeting", "next", "id", "values", "start", "end", "kind", "role"]
HOSTILE = [
    "", " ", "\x00", "a\x00b", "%00", "NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-999", "-1", "0", "-0",
    "2147483648", "-2147483649", "9223372036854775808", "1" * 40, "1.5", "1,5", "0x1F", "²", "٣", "Ⅻ",
    "0000-00-00", "2025-02-30", "2025-13-01", "0001-01-01", "9999-12-31", "10000-01-01", "-2025-01-01",
    "2025-01-01T25:61", "true", "on", "None", "null", "[]", "{}", "\r\n", "\t", "\x1b[2J", "\x7f", "\u202e", "\ufeff",
    "<script>alert(1)</script>", "' OR 1=1 --", "%", "_", "\\", "../../etc/passwd", "x" * 10_000, "é" * 3_000,
]
INVALID_UTF8 = [b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"a\xfe\x00"]
HUGE_INTS = [0, 2**31, 2**63, 10**30]


# What the view reads ---------------------------------------------------------------------

READS = re.compile(r"""request\.(?:GET|POST)(?:\.get|\.getlist|\.pop)?[(\[]\s*["']([\w-]+)["']""")
PROJECT = ("coalitions", "conditions", "indicators", "coordination")
ROOT = Path(__file__).resolve().parents[1]


def read_by_source(callback) -> set[str]:
    """Parameter names in the view's source and in the project's functions it calls (one level
    down), and the fields of the forms they build."""
    view = inspect.unwrap(callback)
    sources = [inspect.getsource(view)]
    for identifier in set(re.findall(r"\b\w+\b", sources[0])):
        thing = view.__globals__.get(identifier)
        if inspect.isfunction(thing) and thing.__module__.startswith(PROJECT) and thing is not view:
            sources.append(inspect.getsource(thing))
    names = set()
    for source in sources:
        names.update(READS.findall(source))
        for identifier in set(re.findall(r"\b\w+\b", source)):
            thing = view.__globals__.get(identifier)
            if inspect.isclass(thing) and issubclass(thing, forms.BaseForm):
                names.update(thing.base_fields)
    return names


class PageFields(HTMLParser):
    """Field names and the values the page offers for them (inputs, options, textareas), and the
    query parameters of its links."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, set[str]] = {}
        self._select = None

    def add(self, name, value):
        if name and name != "csrfmiddlewaretoken":
            self.values.setdefault(name, set()).add(value or "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea", "button"):
            self.add(attrs.get("name"), attrs.get("value"))
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select:
            self.add(self._select, attrs.get("value"))
        elif tag == "a" and (attrs.get("href") or "").startswith("?"):
            for name, value in parse_qsl(urlsplit(attrs["href"]).query, keep_blank_values=True):
                self.add(name, value)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


# The requests ------------------------------------------------------------------------------


@dataclass
class Probe:
    method: str
    role: str
    fields: dict = field(default_factory=dict)  # name -> list of str or bytes (bytes: not UTF-8)
    path_kwargs: dict = field(default_factory=dict)
    htmx: bool = False

    def encoded(self) -> str:
        return "&".join(f"{quote(name, safe='')}={quote(value, safe='')}"
                        for name, values in self.fields.items() for value in values)

    def __repr__(self):
        shown = {k: [v if len(v) < 40 else f"{v[:20]!r}…({len(v)})" for v in vs] for k, vs in self.fields.items()}
        return f"Probe({self.method} as {self.role}, fields={shown!r}, path={self.path_kwargs!r}, htmx={self.htmx})"


def mirror_world(world) -> World:
    """The same cast in the other coalition, for ids that belong to someone else."""
    with scopes_disabled():
        other = world.other_coalition
        organization = OrganizationFactory(coalition=other)
        partner = MembershipFactory(coalition=other, role=Role.PARTNER, organization=organization).user
        funder = MembershipFactory(coalition=other, role=Role.FUNDER).user
    return World(other, world.coalition, organization, world.other_member, partner, funder, world.outsider,
                 world.coordinator)


def ids_in(kwargs_by_name) -> set[int]:
    return {v for kwargs in kwargs_by_name.values() for v in kwargs.values() if isinstance(v, int)}


class Target:
    """One URL and what to throw at it."""

    def __init__(self, world, name, route, callback):
        self.world, self.name, self.route = world, name, route
        self.kwargs_by_name = object_kwargs(world)
        self.real_kwargs = {k: v for k, v in self.kwargs_by_name.get(name, {}).items()}
        foreign = ids_in(object_kwargs(mirror_world(world)))
        self.ids = sorted(ids_in(self.kwargs_by_name) | foreign)
        self.foreign_ids = sorted(foreign)
        if route.startswith("c/"):
            self.roles, methods, *_post_status = EXPECTED[name]
            self.roles = sorted(self.roles)
        else:
            self.roles, methods = ["anonymous", "partner"], BOTH
        self.methods = sorted(methods)
        self.page_values: dict[str, set[str]] = {}
        self.names = sorted(read_by_source(callback))

    def url(self, path_kwargs) -> str:
        return build_url(self.name, self.route, {self.name: {**self.real_kwargs, **path_kwargs}},
                         self.world.coalition.slug)

    def learn_from_page(self, client):
        """GET the page once as it is, as the first allowed role: its fields and links name
        more parameters, and its options give values that pass validation."""
        if "GET" not in self.methods:
            return
        self.login(client, self.roles[0])
        response = client.get(self.url({}))
        assert response.status_code != 500
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            parser = PageFields()
            parser.feed(response.content.decode())
            self.page_values = parser.values
        self.names = sorted(set(self.names) | set(self.page_values))

    def login(self, client, role):
        client.cookies.clear()
        if role != "anonymous":
            client.force_login(self.world.user(role))

    def send(self, client, probe: Probe):
        url = self.url(probe.path_kwargs)
        headers = {"HX-Request": "true"} if probe.htmx else {}
        try:
            with transaction.atomic():  # each probe starts from the same world
                self.login(client, probe.role)
                if probe.method == "GET":
                    response = client.get(f"{url}?{probe.encoded()}", headers=headers)
                else:
                    response = client.generic("POST", url, probe.encoded(), headers=headers,
                                              content_type="application/x-www-form-urlencoded")
                if response.streaming:
                    b"".join(response.streaming_content)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - any exception out of a view is the 500 we look for
            frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith(str(ROOT))]
            where = "".join(traceback.format_list(frames[-3:]))
            pytest.fail(f"{probe.method} {url} raised {error!r}\n{where}", pytrace=False)
        assert response.status_code != 500, f"{probe.method} {url} answered 500"

    # strategies

    def values(self, name):
        offered = sorted(self.page_values.get(name, ())) or [""]
        return st.one_of(
            st.sampled_from(offered),
            st.sampled_from(HOSTILE),
            st.sampled_from([str(i) for i in self.ids]),
            st.sampled_from(INVALID_UTF8),
            st.integers().map(str),
            st.text(st.characters(exclude_categories=["Cs"]), max_size=20),
        )

    def fields(self):
        known = self.names + [n for n in COMMON_NAMES if n not in self.names]
        random_name = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=8)
        name = st.one_of(st.sampled_from(known), random_name)
        # the page's own fields, mostly with values it offers, plus a few others
        own = st.fixed_dictionaries({}, optional={
            n: st.lists(self.values(n), min_size=1, max_size=3) for n in self.names})
        extra = st.dictionaries(name, st.lists(st.one_of(st.sampled_from(HOSTILE), st.sampled_from(INVALID_UTF8)),
                                               min_size=1, max_size=3), max_size=3)
        return st.builds(lambda a, b: {**b, **a}, own, extra)

    def path_kwargs(self):
        choices = {}
        for key, real in self.real_kwargs.items():
            if isinstance(real, int):
                others = [*self.foreign_ids[:5], *HUGE_INTS]
            else:
                others = [v for v in HOSTILE if v and "/" not in v and len(v) < 200]
            choices[key] = st.one_of(st.just(real), st.just(real), st.sampled_from(others))
        return st.fixed_dictionaries(choices)

    def probes(self):
        return st.builds(Probe, method=st.sampled_from(self.methods), role=st.sampled_from(self.roles),
                         fields=self.fields(), path_kwargs=self.path_kwargs(), htmx=st.booleans())

    def every_field(self, value):
        """Explicit examples: every known field at once holds the same hostile value, twice."""
        names = self.names or COMMON_NAMES
        return [Probe(method, self.roles[0], {n: [value, value] for n in names}) for method in self.methods]


EVERY_FIELD = ["\x00", "", "²", "1e999", "-1", "0000-00-00", "9" * 30, b"\xff"]
# pages slow by design (the reminders page computes the next two weeks of reminders): fewer random examples
FEWER_EXAMPLES = {"coordination:reminders": 2}

# allauth's forms a visitor fills in take the same input, through our middleware and templates
ACCOUNT_URLS = ("account_login", "account_signup", "account_reset_password", "account_email",
                "account_change_password")
PATTERNS = ALL_PATTERNS + [entry for entry in walk(get_resolver().url_patterns) if entry[0] in ACCOUNT_URLS]


@pytest.mark.parametrize("name,route,callback", PATTERNS, ids=[name for name, _route, _cb in PATTERNS])
def test_no_url_answers_500_to_hostile_input(world, name, route, callback):
    client = Client(raise_request_exception=True)
    target = Target(world, name, route, callback)
    target.learn_from_page(client)

    def probe(probe):
        target.send(client, probe)

    for value in EVERY_FIELD:
        for explicit in target.every_field(value):
            probe = example(explicit)(probe)
    profile = settings(FUZZ, max_examples=FEWER_EXAMPLES.get(name, FUZZ.max_examples))
    profile(given(target.probes())(probe))()


def test_it_finds_the_parameters_a_view_reads():
    callbacks = {name: callback for name, _route, callback in ALL_PATTERNS}
    assert {"q", "condition", "tag", "page"} <= read_by_source(callbacks["coordination:library"])  # page: paginate()
    activity_filters = {"action", "priority", "organization", "date_from", "date_to"}
    assert activity_filters <= read_by_source(callbacks["conditions:activities"])
