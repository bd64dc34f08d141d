from django.urls import path

from . import views

app_name = "coordination"

C = "communication/"
B = "backbone/"

urlpatterns = [
    path(C, views.communication, name="communication"),
    path(f"{C}meetings/", views.meeting_list, name="meetings"),
    path(f"{C}meetings/new/", views.meeting_create, name="meeting_create"),
    path(f"{C}meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path(f"{C}meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path(f"{C}meetings/<int:pk>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path(f"{C}meetings/<int:pk>/rsvp/", views.meeting_rsvp, name="meeting_rsvp"),
    path(f"{C}meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path(f"{C}meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path(f"{C}meetings/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path(f"{C}meetings/<int:pk>/follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path(f"{C}meetings/<int:pk>/comments/", views.meeting_comment, name="meeting_comment"),
    path(f"{C}follow-ups/", views.follow_up_list, name="follow_ups"),
    path(f"{C}follow-ups/<int:pk>/status/", views.follow_up_status, name="follow_up_status"),
    path(f"{C}announcements/", views.announcement_list, name="announcements"),
    path(f"{C}announcements/new/", views.announcement_create, name="announcement_create"),
    path(f"{C}announcements/<int:pk>/", views.announcement_detail, name="announcement"),
    path(f"{C}announcements/<int:pk>/pin/", views.announcement_pin, name="announcement_pin"),
    path(f"{C}announcements/<int:pk>/comments/", views.announcement_comment, name="announcement_comment"),
    path(f"{C}comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path(f"{C}comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path(f"{C}notifications/", views.notification_list, name="notifications"),
    path(f"{C}notifications/read/", views.notification_read, name="notification_read"),
    path(f"{C}notifications/preferences/", views.notification_preferences, name="notification_preferences"),
    path(f"{C}reminders/", views.reminder_settings, name="reminders"),
    path(B, views.backbone, name="backbone"),
    path(f"{B}team/", views.team, name="team"),
    path(f"{B}team/new/", views.team_member_create, name="team_member_create"),
    path(f"{B}team/<int:pk>/remove/", views.team_member_delete, name="team_member_delete"),
    path(f"{B}bodies/new/", views.body_create, name="body_create"),
    path(f"{B}bodies/<int:pk>/", views.body_detail, name="body"),
    path(f"{B}bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path(f"{B}tasks/", views.task_board, name="tasks"),
    path(f"{B}tasks/new/", views.task_create, name="task_create"),
    path(f"{B}tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path(f"{B}tasks/<int:pk>/move/", views.task_move, name="task_move"),
    path(f"{B}library/", views.library, name="library"),
    path(f"{B}library/new/", views.library_create, name="library_create"),
    path(f"{B}library/<int:pk>/download/", views.library_download, name="library_download"),
    path(f"{B}library/<int:pk>/delete/", views.library_delete, name="library_delete"),
    path(f"{B}assessment/", views.assessment_list, name="assessments"),
    path(f"{B}assessment/new/", views.assessment_create, name="assessment_create"),
    path(f"{B}assessment/<int:pk>/", views.assessment_detail, name="assessment"),
    path(f"{B}assessment/<int:pk>/answer/", views.assessment_answer, name="assessment_answer"),
    path(f"{B}assessment/<int:pk>/close/", views.assessment_close, name="assessment_close"),
    path(f"{B}assessment/questions/<int:pk>/edit/", views.assessment_question_edit, name="assessment_question_edit"),
]
