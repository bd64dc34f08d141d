"""Where a person's information is, found by walking every model (django.apps), so that an app
added later is covered without being named here (the core imports no app above it).

- ``export_zip``: « Télécharger mes données », every row that points to the person (any
  foreign key to the user, the audit events included), the invitations sent to their address,
  their profile and consents; JSON plus one CSV per table, in a ZIP. Secrets (tokens, hashes,
  keys, two-factor data) are left out: their metadata only.
- ``erase_person``: the account becomes « personne retirée »; the rows that only serve the
  person (sessions, addresses, two-factor devices, calendar feeds, notifications and their
  preferences) are deleted; every text column of every table, the audit event tables
  included, has the person's email and name replaced. The coalition's records stay whole.

tests/coalitions/test_personal_data.py walks the models and fails when a field that can hold
personal information is neither exported nor erased nor in its reviewed allow-list.
"""

import io
import json
import re
import unicodedata
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pghistory
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django_scopes import scopes_disabled
from pghistory.models import Context

from .models import ERASURE_EVENT, REMOVED_PERSON, Membership
from .spreadsheets import csv_lines

# A column whose value opens something (a link's token, a hash of it, a key, a two-factor
# secret): the export gives the row's other columns, never this one.
SECRET_COLUMN = re.compile(r"token|secret|password|hash|salt|(^|_)key$|session_data", re.IGNORECASE)
SECRET_FIELDS = {"mfa.Authenticator.data"}

# Rows found by the person's address rather than by a foreign key: invitations sent to them.
EXPORT_BY_EMAIL = {"coalitions.Invitation": "email"}

# Every model with a foreign key to the user is in one of these two lists (the test walks them):
# rows that only serve the person, deleted with the account...
DELETED_ON_ERASURE = (
    "account.EmailAddress", "mfa.Authenticator", "guardian.UserObjectPermission", "coordination.CalendarFeed",
    "coordination.Notification", "coordination.NotificationPreference", "coordination.AnnouncementRead",
    "coalitions.ApiToken",
    "coalitions.ExportJob",  # the person's prepared exports (their files: the retention job's orphans)
)
# ...and the coalition's records, which stay whole, pointing to the account now « personne retirée »
# (their audit events, copies of these rows, stay too; their text columns are cleaned like all others).
KEPT_ON_ERASURE = (
    "admin.LogEntry", "coalitions.Consent", "coalitions.Membership", "coalitions.Invitation",
    "coalitions.Organization", "coalitions.FormSubmission", "conditions.AgendaVersion", "conditions.Endorsement",
    "conditions.EndorsementRequest", "conditions.Action", "conditions.Activity", "indicators.IndicatorValue",
    "indicators.LearningNote", "indicators.ValueImport", "coordination.TeamMember", "coordination.Meeting",
    "coordination.Invitee", "coordination.FollowUp", "coordination.BackboneTask", "coordination.LibraryItem",
    "coordination.AssessmentAnswer", "coordination.Announcement", "coordination.Comment",
    "coordination.SentReminder", "dashboards.ReportSnapshot", "dashboards.ShareLink",
    "coalitions.ConfidentialityIncident", "coalitions.PersonalDataDownload", "conditions.Consultation",
    "conditions.ConsultationResponse", "conditions.ConsultationComment", "conditions.PracticeAdoption",
    "coordination.AssessmentResponse",
)

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)  # EmailField, URLField... are CharFields


def user_model():
    return get_user_model()


def user_foreign_keys():
    """(model, field) for every foreign key to the user, in every installed model (audit event
    models included: pghistory copies the foreign keys of the rows it tracks)."""
    User = user_model()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                yield model, field


def _tracked_by(model):
    return getattr(model, "pgh_tracked_model", None)


def _label(model) -> str:
    return model._meta.label


def exported_columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if not SECRET_COLUMN.search(f.name) and f"{_label(model)}.{f.name}" not in SECRET_FIELDS]


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, memoryview | bytes):
        return None
    return value


def _rows(queryset, columns) -> list[dict]:
    return [{name: _plain(value) for name, value in row.items()}
            for row in queryset.values(*[f.attname for f in columns]).order_by("pk")]


PROFILE_FIELDS = ("id", "email", "first_name", "last_name", "full_name", "organization_role", "language",
                  "time_zone", "date_joined", "last_login", "is_active", "privacy_policy_version",
                  "deletion_requested_at")


def collect(user) -> dict[str, list[dict]]:
    """Table label -> the person's rows (profile first). One query per table that can hold them."""
    User = user_model()
    data: dict[str, list[dict]] = {
        "profile": [{k: _plain(v) for k, v in User.objects.filter(pk=user.pk).values(*PROFILE_FIELDS).get().items()}],
    }
    with scopes_disabled():
        by_model: dict[type[models.Model], list[str]] = {}
        for model, field in user_foreign_keys():
            if model is User:
                continue
            by_model.setdefault(model, []).append(field.attname)
        for model in apps.get_models():
            tracked = _tracked_by(model)
            label = _label(tracked) if tracked else _label(model)
            if label in EXPORT_BY_EMAIL:
                by_model.setdefault(model, []).append(f"{EXPORT_BY_EMAIL[label]}__iexact")
        for model, lookups in sorted(by_model.items(), key=lambda item: _label(item[0])):
            condition = models.Q()
            for lookup in lookups:
                condition |= models.Q(**{lookup: user.email if lookup.endswith("__iexact") else user.pk})
            rows = _rows(model._base_manager.filter(condition), exported_columns(model))
            if rows:
                data[_label(model)] = rows
        # The audit trail's contexts of the changes the person made (the page, the time).
        contexts = _rows(Context.objects.filter(metadata__user=user.pk), Context._meta.concrete_fields)
        if contexts:
            data["pghistory.Context"] = contexts
    return data


README = """Concerto: your personal information ({date})

data.json holds everything below in one file; each CSV file holds one table.
- profile: what your account holds (name, role in your organization, language, time zone).
- coalitions.Consent: your consents, with the policy version and date.
- coalitions.Membership: your memberships and roles in each coalition.
- *Event tables: the audit trail's entries about you.
- Other tables: notifications, comments and texts you wrote, meeting answers and attendance,
  calendar links (without their secret address), and so on.
Links' secret tokens and two-factor secrets are never exported.

Concerto : vos renseignements personnels ({date})

data.json contient tout ce qui suit en un seul fichier; chaque fichier CSV contient une table.
- profile : ce que votre compte contient (nom, rôle dans votre organisme, langue, fuseau horaire).
- coalitions.Consent : vos consentements, avec la version de la politique et la date.
- coalitions.Membership : vos adhésions et rôles dans chaque regroupement.
- tables *Event : les entrées du journal d'audit qui vous concernent.
- Autres tables : notifications, commentaires et textes rédigés, réponses aux rencontres et
  présences, liens d'agenda (sans leur adresse secrète), etc.
Les jetons secrets des liens et les secrets de l'authentification à deux facteurs ne sont jamais exportés.
"""


def export_zip(user) -> bytes:
    data = collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LISEZ-MOI_README.txt", README.format(date=timezone.now().date().isoformat()))
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for label, rows in data.items():  # through the one CSV writer: it neutralises formulas
            columns = list(rows[0])
            lines = [columns, *([json.dumps(row[c], ensure_ascii=False) if isinstance(row[c], dict | list)
                                 else row[c] for c in columns] for row in rows)]
            archive.writestr(f"{label}.csv", "".join(csv_lines(lines)))
    return buffer.getvalue()


# Erasure -------------------------------------------------------------------------------


def anonymous_email(user_id: int) -> str:
    return f"personne-retiree-{user_id}@concerto.invalid"


def identity_strings(user) -> list[str]:
    """Every address the person used (lowercased; replaced whatever its case)."""
    from allauth.account.models import EmailAddress

    return sorted({user.email.lower(), *(e.lower() for e in EmailAddress.objects.filter(user=user)
                                         .values_list("email", flat=True))}, key=len, reverse=True)


# A letter and the letters a writer may put for it (« Mélodie », « Melodie », « MÉLODIE »): names
# are matched without regard to accents or case, since other people type them as they can.
ACCENTED = {"a": "aàâäá", "c": "cç", "e": "eéèêë", "i": "iîïí", "n": "nñ", "o": "oôöó", "u": "uùûüú", "y": "yÿ"}


def _base(letter: str) -> str:
    return unicodedata.normalize("NFD", letter)[0].lower()


def _name_regex(name: str) -> str:
    """A name as a Postgres regular expression: each letter with its accented forms in both cases,
    a hyphen or spaces between its parts (« Bouchard-Lavoie », « Bouchard Lavoie »)."""
    parts = []
    for word in re.split(r"[\s-]+", name.strip()):
        letters = []
        for letter in word:
            if letter.isalpha():
                variants = ACCENTED.get(_base(letter), _base(letter)) + letter.lower()
                letters.append("[" + "".join(sorted({*variants, *variants.upper()})) + "]")
            else:
                letters.append(literal(letter))
        parts.append("".join(letters))
    return "[-[:space:]]+".join(parts)


def identity_names(user) -> list[str]:
    """The person's name as others write it, as regular expressions: « Prénom Nom », « Nom,
    Prénom », « Nom Prénom » and the full name as the profile spells it (an @mention of the
    person uses it: « @Prénom Nom »), accents and case aside.

    A first name alone, or a last name alone, is left as it is: « Marie » or « Tremblay » in
    someone else's text names many people as often as this one (too many false positives: the
    erasure would change other people's records). The profile's own fields go with the account."""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    forms = []
    if first and last:
        forms += [f"{_name_regex(first)}[[:space:]]+{_name_regex(last)}",
                  f"{_name_regex(last)}[[:space:]]*,[[:space:]]*{_name_regex(first)}",
                  f"{_name_regex(last)}[[:space:]]+{_name_regex(first)}"]
    full = (user.full_name or "").strip()
    if " " in full and len(full) >= 5:
        forms.append(_name_regex(full))
    return sorted(set(forms), key=len, reverse=True)


def text_columns():
    """(table, column, is_json) for every text column of every table, event tables included."""
    seen = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS):
                key = (model._meta.db_table, field.column)
                if key not in seen:
                    seen.add(key)
                    yield model._meta.db_table, field.column, isinstance(field, models.JSONField)


def literal(text: str) -> str:
    """``text`` as a Postgres regular expression matching it exactly. (A backslash before a
    non-alphanumeric character is that character.)"""
    return re.sub(r"([^\w\s])", r"\\\1", text)


def _pattern(alternatives: list[str]) -> str:
    """A Postgres regular expression for any of ``alternatives`` (regular expressions) as whole
    words: "ann@x.org" is not replaced inside "joann@x.org", nor "Li Roy" inside "Li Royer"."""
    return rf"(?<![[:alnum:]._%+-])(?:{'|'.join(alternatives)})(?![[:alnum:]_-]|\.[[:alnum:]])"


def scrub_text(alternatives: list[str], replacement: str, *, skip_tables=()) -> int:
    """Replace ``alternatives`` (regular expressions, see ``literal``; case-insensitive) in every
    text column of every table. Returns the number of rows changed. Rare (one deletion), so a
    scan per column is acceptable."""
    if not alternatives:
        return 0
    pattern = _pattern(alternatives)
    changed = 0
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column, is_json in text_columns():
            if table in skip_tables:
                continue
            target = f"{quote(column)}::text" if is_json else quote(column)
            value = f"regexp_replace({target}, %s, %s, 'gi')"
            cursor.execute(
                f"UPDATE {quote(table)} SET {quote(column)} = {value + '::jsonb' if is_json else value} "  # noqa: S608
                f"WHERE {target} ~* %s", [pattern, replacement, pattern])
            changed += cursor.rowcount
    return changed


def erase_person(*, user_id: int, reason: str = "", actor=None, coalition=None):
    """Erase the person's identity everywhere, once (an erased account is left as it is)."""
    User = user_model()
    context = {"erasure": user_id, "reason": reason, **({"user": actor.pk} if actor else {})}
    with transaction.atomic(), scopes_disabled(), pghistory.context(**context):
        user = User.objects.select_for_update().filter(pk=user_id, erased_at__isnull=True).first()
        if user is None:
            return None
        emails, names = identity_strings(user), identity_names(user)
        for label in DELETED_ON_ERASURE:
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            fields = [f.attname for m, f in user_foreign_keys() if m is model]
            if fields:
                condition = models.Q()
                for name in fields:
                    condition |= models.Q(**{name: user.pk})
                model._base_manager.filter(condition).delete()
        Membership.objects.filter(user=user).update(is_active=False)
        if coalition is not None:  # a coordinator's erasure: the coalition's audit trail says why
            pghistory.create_event(Membership.objects.get(coalition=coalition, user=user), label=ERASURE_EVENT)
        user.email = anonymous_email(user.pk)
        user.first_name = user.last_name = user.full_name = user.organization_role = ""
        user.erased_at = timezone.now()
        user.is_active = False
        user.set_unusable_password()  # the session hash changes: every open session ends
        User.objects.filter(pk=user.pk).update(
            email=user.email, first_name="", last_name="", full_name="", organization_role="",
            erased_at=user.erased_at, is_active=False, password=user.password,
        )
        user.groups.clear()
        skip = (User._meta.db_table,)  # a namesake's account keeps its name
        with translation.override(settings.LANGUAGE_CODE):
            removed = str(REMOVED_PERSON)
        # An @mention by address (coordination's syntax, « @ann@x.org ») names the person: it
        # becomes « @personne retirée », which mentions nobody (the anonymous address would
        # mention the erased account again when the comment is edited).
        scrub_text([f"@{literal(e)}" for e in emails], f"@{removed}", skip_tables=skip)
        scrub_text([literal(e) for e in emails], anonymous_email(user.pk), skip_tables=skip)
        scrub_text(names, removed, skip_tables=skip)
    return user

