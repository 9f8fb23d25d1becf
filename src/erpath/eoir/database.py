"""The DuckDB database of an ingest: one view per core table over its Parquet files, and
the release's lookups as tables (named as the release's files, e.g. tblLookupNationality);
and a view `<TABLE>_decoded` per core table, with stable column names and the lookups'
names beside the codes (`create_decoded_views`; ADR 0027).

Views read `OUT/parquet/<TABLE>/*.parquet` by absolute path, so the database answers from
any working directory; moving `OUT` means ingesting again (which then rebuilds only what
moved: the release is unchanged).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from erpath.eoir.schema import TABLES, LookupRef, TableSpec


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def build_database(path: Path, views: dict[str, Path], lookups: dict[str, Path]) -> None:
    """Create the database at `path`: `views` maps a table to its final Parquet directory,
    `lookups` a lookup table to a directory of Parquet parts to copy in."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    with duckdb.connect(str(tmp)) as con:
        for name, directory in views.items():
            source = _literal(directory / "*.parquet")
            con.execute(f"CREATE VIEW {_quote(name)} AS SELECT * FROM read_parquet({source})")
        for name, directory in lookups.items():
            source = _literal(directory / "*.parquet")
            con.execute(f"CREATE TABLE {_quote(name)} AS SELECT * FROM read_parquet({source})")
        create_decoded_views(con, list(TABLES))
        con.execute("CHECKPOINT")
    tmp.replace(path)


# The column of each lookup that names its codes (the decoded views' `<COLUMN>_NAME`);
# a court is named by its city and state where the lookup has them (BASE_CITY_NAME is
# "IMMIGRATION COURT" for most courts).
COURT_CITY = ("BASE_CITY", "BASE_STATE")
NAME_COLUMNS = {
    "tbladjournmentcodes": "strDesciption",
    "tbllanguage": "strDescription",
    "tbllookup_appln": "strdescription",
    "tbllookupaliennat": "strDescription",
    "tbllookupbasecity": "BASE_CITY_NAME",
    "tbllookupcasetype": "strDescription",
    "tbllookupcourtappdecisions": "strCourtApplnDecDesc",
    "tbllookupcourtdecision": "strDecDescription",
    "tbllookupcustodystatus": "strDescription",
    "tbllookupfiling_method": "strFilingMethodDesc",
    "tbllookupfiling_method_party": "strFilingPartyDesc",
    "tbllookuphloc": "HEARING_LOC_NAME",
    "tbllookupjudge": "JUDGE_NAME",
    "tbllookupmotiontype": "strMotionDesc",
    "tbllookupnationality": "NAT_NAME",
    "tbllookupnotice": "Notice_Disp",
    "tbllookupservice_method": "strCertificateOfServiceMethDesc",
    "tbllookupsex": "strDescription",
    "tbllookupstate": "state_name",
    "tbllookup_casepriority": "strDescription",
    "tbllookupcal_type": "strCalTypeDescription",
    "tbllookupschedule_type": "strDescription",
    "tbllookupcharges": "strCodeDescription",
    "tbllookup_juvenile": "strDescription",
    "tbllookupcaseidentifier": "strDescription",
    "tbllookupbiadecision": "strDescription",
    "tbllookupbiadecisiontype": "strDescription",
    "tbllookupfedcourtdecision": "strDescription",
    "tbllookupfiledby": "strDescription",
}
# A decision code means something else in each case type (RESEARCH.md 1.7): the row's
# CASE_TYPE is matched to this lookup column when the lookup has it.
CASE_TYPE_KEYS = {"tbllookupcourtdecision": "strCaseType"}
# Columns named through a lookup they are not checked against: CHARGE is text in the
# schema (tbllookupCharges lacks real charges, RESEARCH.md 1.6.6), but the lookup names
# the charges it has.
NAMED_ONLY = {("B_TblProceedCharges", "CHARGE"): (LookupRef("tbllookupCharges", "strCode"),)}
DECODED_SUFFIX = "_decoded"
NAME_SUFFIX = "_NAME"
_TYPES = {"key": "BIGINT", "int": "BIGINT", "date": "DATE"}


def _columns(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {_quote(name)}").fetchall()]


def decoded_view_sql(
    spec: TableSpec, header: list[str], lookups: dict[str, list[str]], view: str
) -> str:
    """`SELECT` of `view` (a core table's view, whose columns are `header`) with stable
    column names: every column of `spec` under its schema name, in the schema's order
    (NULL when the release lacks it; renamed when the header spells it otherwise, e.g.
    GENDER for Sex), then columns the schema does not know under their own names; after
    each code column with a lookup in `lookups` (table -> columns), `<COLUMN>_NAME`, the
    lookup's name for the code (several names joined with ' / ' when the lookup repeats
    the code with other names). `lookups` are matched to the schema case-blind."""
    by_canonical: dict[str, str] = {}
    for name in header:
        by_canonical.setdefault(spec.canonical(name), name)
    lookup_names = {name.lower(): name for name in lookups}
    selects: list[str] = []
    joins: list[str] = []
    taken = set(spec.by_name) | set(header)
    for col in spec.columns:
        source = by_canonical.get(col.name)
        expr = (
            f"t.{_quote(source)}"
            if source is not None
            else f"CAST(NULL AS {_TYPES.get(col.kind, 'VARCHAR')})"
        )
        selects.append(f"{expr} AS {_quote(col.name)}")
        refs = col.domain.lookups if col.domain is not None else ()
        refs += NAMED_ONLY.get((spec.name, col.name), ())
        if not refs or source is None or col.name + NAME_SUFFIX in taken:
            continue
        names: list[str] = []
        for ref in refs:
            table = lookup_names.get(ref.table.lower())
            if table is None:
                continue
            columns = {c.lower(): c for c in lookups[table]}
            code = columns.get(ref.column.lower())
            label_col = columns.get(NAME_COLUMNS.get(table.lower(), "").lower())
            if code is None or label_col is None:
                continue
            label = _quote(label_col)
            if table.lower() == "tbllookupbasecity" and all(
                c.lower() in columns for c in COURT_CITY
            ):
                city, state = (_quote(columns[c.lower()]) for c in COURT_CITY)
                label = (
                    f"coalesce(CASE WHEN nullif(trim({city}), '') IS NOT NULL"
                    f" THEN concat_ws(', ', {city}, nullif(trim({state}), '')) END, {label})"
                )
            where = []
            if ref.where is not None:
                if ref.where[0].lower() not in columns:
                    continue
                where.append(
                    f"{_quote(columns[ref.where[0].lower()])} = {_literal_text(ref.where[1])}"
                )
            keys = [_quote(code)]
            on = [f"j{len(joins)}.code = t.{_quote(source)}"]
            case_key = columns.get(CASE_TYPE_KEYS.get(table.lower(), "").lower())
            case_col = by_canonical.get("CASE_TYPE")
            if case_key is not None and case_col is not None:
                keys.append(_quote(case_key))
                on.append(f"j{len(joins)}.case_type = t.{_quote(case_col)}")
            alias = f"j{len(joins)}"
            sub = (
                f"SELECT {keys[0]} AS code"
                + (f", {keys[1]} AS case_type" if len(keys) > 1 else "")
                + f", string_agg(DISTINCT {label}, ' / ' ORDER BY {label}) AS name"
                f" FROM {_quote(table)} WHERE {label} IS NOT NULL"
                + "".join(f" AND {w}" for w in where)
                + f" GROUP BY {', '.join(keys)}"
            )
            joins.append(f"LEFT JOIN ({sub}) {alias} ON {' AND '.join(on)}")
            names.append(f"{alias}.name")
        if names:
            expr = names[0] if len(names) == 1 else f"coalesce({', '.join(names)})"
            selects.append(f"{expr} AS {_quote(col.name + NAME_SUFFIX)}")
    for name in header:
        if (
            spec.canonical(name) not in spec.by_name
            or by_canonical.get(spec.canonical(name)) != name
        ):
            selects.append(f"t.{_quote(name)}")
    return f"SELECT {', '.join(selects)} FROM {_quote(view)} t {' '.join(joins)}".strip()


def _literal_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_decoded_views(
    con: duckdb.DuckDBPyConnection, tables: list[TableSpec], *, temporary: bool = False
) -> list[str]:
    """For each core table with a view in `con`, a view `<TABLE>_decoded`
    (`decoded_view_sql`) over it and the lookup tables in `con`; returns their names."""
    present = {
        r[0]: r[1]
        for r in con.execute(
            "SELECT table_name, table_type FROM information_schema.tables"
            " WHERE table_schema = 'main'"
        ).fetchall()
    }
    core = {spec.name for spec in tables}
    lookups = {
        name: _columns(con, name)
        for name, kind in present.items()
        if kind == "BASE TABLE" and name not in core
    }
    made = []
    for spec in tables:
        if spec.name not in present:
            continue
        sql = decoded_view_sql(spec, _columns(con, spec.name), lookups, spec.name)
        name = spec.name + DECODED_SUFFIX
        temp = "TEMP " if temporary else ""
        con.execute(f"CREATE OR REPLACE {temp}VIEW {_quote(name)} AS {sql}")
        made.append(name)
    return made
