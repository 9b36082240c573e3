from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top floor: what puts the apps together for a whole site — the demo organisation
    (`manage.py demo`) and the load benchmark (`manage.py bench`). Nothing imports it; it may
    import every app. `core` stays the ground floor and imports no app."""

    name = "samrad.site"
    label = "samrad_site"
    verbose_name = "Samråd site"
