"""A workshop step's `kind` is its `format` (not to be confused with a question's kind); the
stored values (`workshops.mapping`, `concerns.vote`, …) are kept as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0003_theme_mapping"),
    ]

    operations = [
        migrations.RenameField(model_name="workshopstep", old_name="kind", new_name="format"),
        migrations.AlterField(
            model_name="workshopstep",
            name="format",
            field=models.CharField(max_length=40, verbose_name="step format"),
        ),
    ]
