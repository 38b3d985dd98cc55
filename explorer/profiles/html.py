"""The profile pages' HTML: plain forms from the server, usable by keyboard and without
scripts, every field labelled, every consent choice in words that say what it does."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from markupsafe import Markup

from explorer.accounts.models import Profile
from explorer.accounts.pages import hidden_fields
from explorer.profiles.choices import Choices
from explorer.profiles.texts import TEXTS
from explorer.texts import relationship_label
from graphmodel import schema
from graphmodel.model import Node, Relationship

__all__ = ["graph_facts", "profile_form", "proposed_facts", "review_form"]

FIELD = Markup(
    '<p class="profile-field"><label for="{id}">{label}</label><br>{control}{problem}</p>'
)


def profile_form(
    action: str,
    profile: Profile | None,
    name: str,
    choices: Choices,
    lang: str,
    problems: Mapping[str, str] | None = None,
) -> Markup:
    """The profile form, filled in with `profile` (or the account's `name`), with the
    `problems` of a refused attempt beside their fields."""
    problems = problems or {}
    p = profile

    def field(key: str, control: Markup) -> Markup:
        problem = problems.get(key)
        shown = (
            Markup('<br><span class="notice notice-error" id="{k}-problem">{t}</span>').format(
                k=key, t=problem
            )
            if problem
            else ""
        )
        return FIELD.format(id=key, label=TEXTS(key, lang), control=control, problem=shown)

    topics = set(p.topics()) if p else set()
    groups = set(p.groups()) if p else set()
    sectors = set(p.sectors.split(";")) if p else set()
    parts = [
        field("name", _text("name", p.name if p else name, 200, required=True)),
        field("job_title", _text("job_title", p.job_title if p else "", 200)),
        field("organisation", _select("organisation", choices.organisations, _one(p, "org"), lang)),
        field("topics", _multiple("topics", choices.topics, topics)),
        Markup('<p class="help">{}</p>').format(TEXTS("topics_help", lang)),
        field("proposed_topic", _text("proposed_topic", p.proposed_topic if p else "", 120)),
        field("region", _select("region", choices.regions, _one(p, "region"), lang)),
        _sectors(sectors, lang, problems.get("sectors")),
        field("groups", _multiple("groups", choices.groups, groups)),
        field("website", _text("website", p.website if p else "", 500, kind="url")),
        field("claim", _select("claim", choices.people, (p.claimed_id or "") if p else "", lang)),
        Markup('<p class="help">{}</p>').format(TEXTS("claim_help", lang)),
        _consent(p, lang),
    ]
    if p is not None and p.organisation_confirmed:
        parts.insert(
            3, Markup('<p class="notice">{}</p>').format(TEXTS("organisation_confirmed", lang))
        )
    return Markup(
        '<form method="post" action="{action}" class="profile-form">{hidden}{parts}'
        '<p><button class="button" id="profile-submit" type="submit">{submit}</button></p>'
        "</form>"
    ).format(
        action=action,
        hidden=hidden_fields(lang),
        parts=Markup("").join(parts),
        submit=TEXTS("submit", lang),
    )


def review_form(action: str, profile_id: int, lang: str) -> Markup:
    """A curator's two buttons for one profile, and the reason the person will see."""
    return Markup(
        '<form method="post" action="{action}" class="review-form">{hidden}'
        '<label for="reason-{profile}">{reason}</label><br>'
        '<textarea id="reason-{profile}" name="reason" maxlength="1000" rows="2"></textarea><br>'
        '<button class="button" type="submit" name="decision" value="approve" '
        'id="approve-{profile}">{approve}</button> '
        '<button class="button" type="submit" name="decision" value="reject" '
        'id="reject-{profile}">{reject}</button></form>'
    ).format(
        action=action,
        hidden=hidden_fields(lang, profile=profile_id),
        profile=profile_id,
        reason=TEXTS("reason", lang),
        approve=TEXTS("approve", lang),
        reject=TEXTS("reject", lang),
    )


def graph_facts(
    node: Node | None, relationships: Collection[Relationship], names: Mapping[str, str], lang: str
) -> Markup:
    """What the graph holds now about a person: their node's properties and links."""
    if node is None:
        return Markup("<p>{}</p>").format(TEXTS("not_in_graph", lang))
    rows = [(key, str(value)) for key, value in sorted(node.properties.items())]
    rows += [
        (relationship_label(r.type, lang), names.get(r.end, r.end))
        for r in relationships
        if r.start == node.id
    ]
    return _table(rows)


def proposed_facts(profile: Profile, choices: Choices, lang: str) -> Markup:
    """A pending profile's answers, by name, for the curator."""

    def named(ids: Collection[str], among: Mapping[str, str]) -> str:
        return ", ".join(among.get(i, i) for i in ids)

    yes, no = TEXTS("yes", lang), TEXTS("no", lang)
    rows = [
        (TEXTS("name", lang), profile.name),
        (TEXTS("job_title", lang), profile.job_title),
        (
            TEXTS("organisation", lang),
            named([profile.organisation_id or ""], choices.organisations),
        ),
        (TEXTS("topics", lang), named(profile.topics(), choices.topics)),
        (
            TEXTS("proposed_topic", lang),
            TEXTS("proposed_topic_note", lang, topic=profile.proposed_topic)
            if profile.proposed_topic
            else "",
        ),
        (TEXTS("region", lang), named([profile.region_id or ""], choices.regions)),
        (TEXTS("sectors", lang), profile.sectors.replace(";", ", ")),
        (TEXTS("groups", lang), named(profile.groups(), choices.groups)),
        (TEXTS("website", lang), profile.website),
        (TEXTS("claim", lang), _claim(profile, choices, lang)),
        *(
            (TEXTS(c, lang).split(":")[0], yes if getattr(profile, c) else no)
            for c in ("listed", "reachable", "email_shown")
        ),
    ]
    return _table(rows)


def _claim(profile: Profile, choices: Choices, lang: str) -> str:
    """The node a profile claims, by name, and whether the institution's login confirmed
    it or a curator is to check it."""
    if not profile.claimed_id:
        return ""
    name = choices.people.get(profile.claimed_id, profile.claimed_id)
    said = "claim_confirmed" if profile.claim_confirmed else "claim_to_check"
    return TEXTS(said, lang, name=name)


def _table(rows: list[tuple[str, str]]) -> Markup:
    body = Markup("").join(
        Markup('<tr><th scope="row">{}</th><td>{}</td></tr>').format(k, v) for k, v in rows
    )
    return Markup('<table class="profile-facts">{}</table>').format(body)


def _one(profile: Profile | None, which: str) -> str:
    if profile is None:
        return ""
    return (profile.organisation_id if which == "org" else profile.region_id) or ""


def _text(name: str, value: str, limit: int, required: bool = False, kind: str = "text") -> Markup:
    return Markup(
        '<input id="{name}" name="{name}" type="{kind}" value="{value}" maxlength="{limit}"{req}>'
    ).format(
        name=name, kind=kind, value=value, limit=limit, req=Markup(" required") if required else ""
    )


def _select(name: str, options: Mapping[str, str], chosen: str, lang: str) -> Markup:
    none = Markup('<option value="">{}</option>').format(TEXTS("none", lang))
    return Markup('<select id="{name}" name="{name}">{none}{options}</select>').format(
        name=name, none=none, options=_options(options, {chosen})
    )


def _multiple(name: str, options: Mapping[str, str], chosen: Collection[str]) -> Markup:
    return Markup('<select id="{name}" name="{name}" multiple size="8">{options}</select>').format(
        name=name, options=_options(options, chosen)
    )


def _options(options: Mapping[str, str], chosen: Collection[str]) -> Markup:
    return Markup("").join(
        Markup('<option value="{id}"{sel}>{name}</option>').format(
            id=i, name=n, sel=Markup(" selected") if i in chosen else ""
        )
        for i, n in options.items()
    )


def _sectors(chosen: Collection[str], lang: str, problem: str | None) -> Markup:
    boxes = Markup(" ").join(
        Markup('<label><input type="checkbox" name="sectors" value="{s}"{c}> {s}</label>').format(
            s=s, c=Markup(" checked") if s in chosen else ""
        )
        for s in schema.SECTORS
    )
    shown = Markup('<span class="notice notice-error">{}</span>').format(problem) if problem else ""
    return Markup("<fieldset><legend>{}</legend>{}{}</fieldset>").format(
        TEXTS("sectors", lang), boxes, shown
    )


def _consent(profile: Profile | None, lang: str) -> Markup:
    boxes = Markup("").join(
        Markup(
            '<p><input type="checkbox" id="{c}" name="{c}" value="ja"{checked}> '
            '<label for="{c}">{text}</label></p>'
        ).format(
            c=c,
            text=TEXTS(c, lang),
            checked=Markup(" checked") if profile is not None and getattr(profile, c) else "",
        )
        for c in ("listed", "reachable", "email_shown")
    )
    return Markup("<fieldset><legend>{}</legend>{}</fieldset>").format(
        TEXTS("consent", lang), boxes
    )
