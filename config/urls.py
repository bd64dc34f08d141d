from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from api import errors as api_errors
from api import pages as api_pages
from coalitions import account_views, site_views, views
from coalitions import urls as coalitions_urls
from coordination.views.calendar import calendar_feed_ics
from dashboards import views as dashboards

# The admin has no login form of its own: it sends people to allauth's, which asks for the
# second factor and counts failed attempts; a signed-in non-staff person gets 403.
admin.site.login = secure_admin_login(admin.site.login)

coalition_urls = [
    # The home page of a coalition is the role's dashboard: it keeps its name coalitions:home
    # (every template reverses it), and config, which wires the layers, puts it there.
    path("", include(([path("", dashboards.home, name="home"), *coalitions_urls.urlpatterns],
                      coalitions_urls.app_name))),
    path("", include("dashboards.urls")),
    path("", include("conditions.urls")),
    path("", include("indicators.urls")),
    path("", include("coordination.urls")),
    path("api/", api_pages.guide, name="api_guide"),
]

# A request refused before any view: problem details for the API, the site's page elsewhere
handler400 = api_errors.bad_request

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", site_views.healthz, name="healthz"),
    path("language/", site_views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("privacy/", account_views.privacy_page, name="privacy"),
    path("me/consent/", account_views.privacy_consent, name="privacy_consent"),
    path("me/profile/", account_views.profile, name="profile"),
    path("me/data.zip", account_views.profile_download, name="profile_download"),
    path("me/delete/", account_views.account_delete, name="account_delete"),
    path("coalitions/new/", views.coalition_create, name="coalition_create"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("share/<str:token>/", dashboards.shared_report, name="share_link"),
    path("calendar/<str:token>.ics", calendar_feed_ics, name="calendar_feed_ics"),
    path("c/<slug:coalition_slug>/", include(coalition_urls)),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
]
