"""Views of condition 4: comments on meetings, announcements, actions of the plan and indicators.
A thread the person may not see answers 404; a comment they see but may not change, 403."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalitions.permissions import object_for, requires
from coalitions.web import call_service, error_text, parse_int, redirect_with_message
from conditions.selectors import visible_actions
from indicators.selectors.catalogue import indicators

from .. import permissions as rules
from ..forms import CommentForm
from ..models.communication import Announcement, Comment
from ..models.meetings import Meeting
from ..permissions import COMMENTS_ADD
from ..selectors import communication as communication_selectors
from ..services import communication as communication_services
from ._common import _form_page

# Posting -------------------------------------------------------------------------------


def _comment(request, *, to, pk, **target):
    """Post the comment on ``target`` and go back to its thread on the page ``to``."""
    form = CommentForm(request.POST)
    if not form.is_valid():
        return redirect_with_message(request, to, pk, fragment="comments",
                                     error=_("Write your comment before posting it."))
    try:
        communication_services.comment_add(actor=request.user, body=form.cleaned_data["body"],
                             submission=form.cleaned_data["submission"], **target)
    except ValidationError as error:
        return redirect_with_message(request, to, pk, fragment="comments", error=error_text(error))
    return redirect_with_message(request, to, pk, fragment="comments", success=_("Your comment is posted."))


# What a comment is on, found as its page finds it: one the person may not see is not found (404).
THREADS = {
    "meeting": lambda request, pk: object_for(request, Meeting, pk=pk, sees=rules.can_see_meeting_details),
    "announcement": lambda request, pk: object_for(request, Announcement, pk=pk, sees=rules.announcement_visible_to),
    # an action of the plan (conditions), its thread on the action's page
    "action": lambda request, pk: object_for(request, visible_actions(request.membership, request.coalition), pk=pk,
                                             sees=rules.can_see_thread),
    # an indicator (indicators), its thread on the indicator's page
    "indicator": lambda request, pk: object_for(request, indicators(request.coalition), pk=pk,
                                                sees=rules.can_see_thread),
}


@require_POST
@requires(COMMENTS_ADD)
def meeting_comment(request, pk: int):
    return _comment(request, to="coordination:meeting", pk=pk, meeting=THREADS["meeting"](request, pk))


@require_POST
@requires(COMMENTS_ADD)
def announcement_comment(request, pk: int):
    return _comment(request, to="coordination:announcement", pk=pk,
                    announcement=THREADS["announcement"](request, pk))


@require_POST
@requires(COMMENTS_ADD)
def action_comment(request, pk: int):
    return _comment(request, to="conditions:action", pk=pk, action=THREADS["action"](request, pk))


@require_POST
@requires(COMMENTS_ADD)
def indicator_comment(request, pk: int):
    return _comment(request, to="indicators:indicator_detail", pk=pk, indicator=THREADS["indicator"](request, pk))


@require_GET
@requires(COMMENTS_ADD)
def mention_candidates(request):
    """The @mention suggestions of a comment box (static/coordination/mentions.js), as JSON:
    ?on=<meeting|announcement|action|indicator>:<id>&q=<typed text>. Only people who may read
    that thread are offered; a thread the person may not see is not found (404), none named
    gets no suggestion."""
    kind, _sep, raw = request.GET.get("on", "").partition(":")
    pk = parse_int(raw)
    if kind not in THREADS or pk is None:
        return JsonResponse({"results": []})  # no thread named: nobody to suggest
    target = THREADS[kind](request, pk)
    return JsonResponse({"results": communication_selectors.mention_candidates(
        request.membership, target, request.GET.get("q", ""))})


# Editing -------------------------------------------------------------------------------


def _own_comment(request, pk: int, may) -> Comment:
    """A comment is seen where its thread is (404 elsewhere); ``may`` says who changes it (403)."""
    return object_for(request, Comment.objects.select_related("coalition"), pk=pk, sees=rules.can_read, may=may)


@requires(COMMENTS_ADD)
def comment_edit(request, pk: int):
    comment = _own_comment(request, pk, rules.can_edit_comment)
    back = communication_services.comment_url(comment)
    form = CommentForm(request.POST or None, initial={"body": comment.body}, editing=comment)
    if request.method == "POST" and form.is_valid():
        if call_service(form, communication_services.comment_update, actor=request.user,
                        comment=comment, **form.cleaned_data):
            return redirect_with_message(request, back, fragment=f"comment-{comment.pk}",
                                         success=_("Your comment is saved."))
    return _form_page(request, form, title=_("Edit your comment"), cancel_url=back)


@requires(COMMENTS_ADD)
def comment_delete(request, pk: int):
    comment = _own_comment(request, pk, rules.can_delete_comment)
    back = communication_services.comment_url(comment)
    if request.method == "POST":
        communication_services.comment_delete(actor=request.user, comment=comment)
        return redirect_with_message(request, back, success=_("The comment is deleted."))
    return render(request, "coalitions/confirm.html", {
        "title": _("Delete this comment?"),
        "consequence": _("The comment will be removed from the discussion. This cannot be undone."),
        "confirm_label": _("Delete the comment"), "cancel_url": back,
    })
