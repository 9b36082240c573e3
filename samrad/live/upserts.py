"""The answer writer's multi-row upsert, its SQL built once per shape.

`upsert(objects, …)` stores new Response rows as Django's
`bulk_create(update_conflicts=True, unique_fields=…, update_fields=…)` does — one
`INSERT … ON CONFLICT (…) DO UPDATE SET … RETURNING …`, the same statement on SQLite and
PostgreSQL, the primary keys set on the objects — but without compiling the statement for
every batch: in a burst's profile (docs/performance.md, seventh session) compiling it was more
than half of the upsert's cost, above all preparing every value of every column through its
field (17 columns a row). Here the SQL is kept per (columns, row count), and a value is handed
to its field's `get_db_prep_save` only when it is not already what the database driver takes
as it is (an int for an integer column, a str for a text column, …): the JSON, UUID and
date-time columns always go through their fields, so their adaptation stays Django's.

A test stores the same rows both ways and reads back equal values (tests/live/test_upserts.py,
on SQLite and on PostgreSQL).
"""

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any, cast

from django.db import connections, models, router
from django.utils import timezone

# Field classes whose get_db_prep_save returns these exact types unchanged.
_AS_IS: dict[str, tuple[type, ...]] = {
    "IntegerField": (int,),
    "PositiveIntegerField": (int,),
    "PositiveSmallIntegerField": (int,),
    "PositiveBigIntegerField": (int,),
    "SmallIntegerField": (int,),
    "BigIntegerField": (int,),
    "AutoField": (int,),
    "BigAutoField": (int,),
    "CharField": (str,),
    "TextField": (str,),
    "FloatField": (float,),
    "BooleanField": (bool,),
}


def _field(model: type[models.Model], name: str) -> "models.Field[Any, Any]":
    return cast("models.Field[Any, Any]", model._meta.get_field(name))


def _column(model: type[models.Model], name: str, quote: Any) -> str:
    return str(quote(str(_field(model, name).column)))


@cache
def _columns(model: type[models.Model]) -> tuple[tuple[models.Field, frozenset[type], bool], ...]:
    """Each stored column's field, the value types it takes as they are, and whether it is
    stamped with the time (auto_now / auto_now_add)."""
    result = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        target = cast(Any, field).target_field if field.is_relation else field
        kind = target.get_internal_type()
        as_is = frozenset(_AS_IS.get(kind, ())) | {type(None)}
        stamped = bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
        result.append((field, as_is, stamped))
    return tuple(result)


@lru_cache(maxsize=128)  # one per batch size seen (PostgreSQL: up to SAMRAD_WRITER_BATCH)
def _sql(
    model: type[models.Model],
    db: str,
    rows: int,
    unique_fields: tuple[str, ...],
    update_fields: tuple[str, ...],
) -> str:
    """The statement for `rows` rows to the database `db` (quoting is its backend's)."""
    quote = connections[db].ops.quote_name
    meta = model._meta
    columns = [quote(str(field.column)) for field, _as_is, _stamped in _columns(model)]
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    conflict = ", ".join(_column(model, name, quote) for name in unique_fields)
    updates = ", ".join(
        f"{_column(model, name, quote)} = EXCLUDED.{_column(model, name, quote)}"
        for name in update_fields
    )
    pk = meta.pk.name
    returning = ", ".join(_column(model, name, quote) for name in (pk, *unique_fields))
    # Only the model's own table and column names, quoted; every value is a parameter.
    return (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) VALUES "  # noqa: S608
        + ", ".join([row] * rows)
        + f" ON CONFLICT({conflict}) DO UPDATE SET {updates} RETURNING {returning}"
    )


def upsert(
    objects: Sequence[models.Model],
    *,
    unique_fields: list[str],
    update_fields: list[str],
) -> None:
    """Insert `objects` (new instances of one model, no two with the same `unique_fields`)
    or, where a row with their `unique_fields` exists, update its `update_fields`; sets each
    object's primary key (the new row's or the updated one's)."""
    if not objects:
        return
    model = type(objects[0])
    db = router.db_for_write(model)
    connection = connections[db]
    columns = _columns(model)
    keys = [_field(model, name).attname for name in unique_fields]
    now = timezone.now()
    stamps = {  # the time, prepared once per column (a date for a DateField …)
        field.attname: field.get_db_prep_save(now, connection)
        for field, _as_is, stamped in columns
        if stamped
    }
    by_key: dict[tuple[Any, ...], models.Model] = {}
    params: list[Any] = []
    for obj in objects:
        for field, as_is, stamped in columns:
            if stamped:
                setattr(obj, field.attname, now)
                params.append(stamps[field.attname])
                continue
            value = getattr(obj, field.attname)
            if type(value) not in as_is:
                value = field.get_db_prep_save(value, connection)
            params.append(value)
        by_key[tuple(getattr(obj, key) for key in keys)] = obj
    if len(by_key) != len(objects):
        raise ValueError("two objects with the same unique fields in one upsert")
    width = len(columns)
    limit = connection.features.max_query_params  # SQLite's; PostgreSQL has none here
    per_statement = max(1, limit // width) if limit else len(objects)
    with connection.cursor() as cursor:
        for start in range(0, len(objects), per_statement):
            count = min(per_statement, len(objects) - start)
            cursor.execute(
                _sql(model, db, count, tuple(unique_fields), tuple(update_fields)),
                params[start * width : (start + count) * width],
            )
            for pk, *key in cursor.fetchall():
                obj = by_key[tuple(key)]
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = db
