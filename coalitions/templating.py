"""The project's template backend: Django's, except that a ``.txt`` template renders without
HTML escaping.

``.txt`` templates are the text parts and subjects of emails: there, « l'équipe & Cie » must
read as written, not « l&#x27;équipe &amp; Cie ». Deciding it here, by the template's name,
covers every sender (ours and allauth's) and every include; ``.html`` templates, email HTML
parts included, stay escaped."""

from django.template import TemplateDoesNotExist
from django.template.backends.django import DjangoTemplates, Template, reraise
from django.template.context import make_context


class PlainTextTemplate(Template):
    def render(self, context=None, request=None):
        context = make_context(context, request, autoescape=False)
        try:
            return self.template.render(context)
        except TemplateDoesNotExist as exc:
            reraise(exc, self.backend)


class Templates(DjangoTemplates):
    def get_template(self, template_name):
        template = super().get_template(template_name)
        if template_name.endswith(".txt"):
            return PlainTextTemplate(template.template, self)
        return template
