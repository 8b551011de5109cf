"""Keys of a linked submission pseudonymised in one domain.

A token is HMAC-SHA-256 of the value, normalised by its kind (``generic``, ``nir``, ``name``), under
the submission's secret: the kind is the domain. A key and every foreign key that refers to it,
directly or through another link, leave the same way, under the referenced key's kind, so that the
same identifier gives the same token in every table (and next year, under the same secret) and the
tables still join. A link whose ends would leave differently (one dropped, one kept in clear) is
refused: it could not hold.
"""

from __future__ import annotations

from curator.errors import InputError
from curator.messages import QT_TRANSLATE_NOOP, Text
from curator.protect.transforms import pseudonym_kind
from curator.recipe.submission import Submission

Column = tuple[str, str]    # (table, source column)


def key_groups(submission: Submission) -> dict[Column, list[Column]]:
    """Each referenced key (the root: a column that other columns refer to and that refers to none
    itself) with every column linked to it, directly or through other links, root first."""
    parent: dict[Column, Column] = {}
    for link in submission.links:
        for column, ref_column in zip(link.columns, link.ref_columns, strict=True):
            parent[(link.table, column)] = (link.ref_table, ref_column)

    def root(column: Column) -> Column:
        seen = {column}
        while column in parent:
            column = parent[column]
            if column in seen:      # a cycle of links: its first column stands for the group
                break
            seen.add(column)
        return column

    groups: dict[Column, list[Column]] = {}
    for member in parent:
        top = root(member)
        groups.setdefault(top, [top])
        if member != top:
            groups[top].append(member)
    return groups


def key_columns(submission: Submission) -> dict[str, set[str]]:
    """Each table's columns that are keys of a link, referenced or referring (their values repeat
    from table to table: see :class:`~curator.protect.pseudonym.TokenCache`)."""
    columns: dict[str, set[str]] = {}
    for members in key_groups(submission).values():
        for table, column in members:
            columns.setdefault(table, set()).add(column)
    return columns


def align_key_domains(submission: Submission) -> list[str]:
    """Give every column of a link group its root's action and pseudonym kind; sentences saying what changed.

    Raises InputError when a column of a group is dropped or its action differs from its root's in
    another way than the kind of pseudonym."""
    said: list[str] = []
    for (table, column), members in key_groups(submission).items():
        recipe = submission.table(table)
        decision = recipe.column(column) if recipe is not None else None
        if decision is None:
            continue
        action = decision.transform.action
        kind = pseudonym_kind(decision) if action == "pseudonymise" else None
        for member_table, member_column in members[1:]:
            member_recipe = submission.table(member_table)
            member = member_recipe.column(member_column) if member_recipe is not None else None
            if member is None:
                continue
            if member.transform.action != action or action == "drop":
                raise InputError(
                    Text(QT_TRANSLATE_NOOP("core", "{table}.{column} refers to {ref_table}.{ref_column}, but one is "
                                                   "'{action}' and the other '{ref_action}': the tables could not be "
                                                   "joined"), table=member_table, column=member_column,
                         ref_table=table, ref_column=column, action=member.transform.action, ref_action=action),
                    hint=Text(QT_TRANSLATE_NOOP("core", "Pseudonymise both ends of every link (or remove the link "
                                                        "from the recipe's 'links').")))
            if kind is not None and pseudonym_kind(member) != kind:
                said.append(Text(QT_TRANSLATE_NOOP("core", "{table}.{column} is pseudonymised as a '{kind}' like "
                                                           "{ref_table}.{ref_column}, which it refers to"),
                                 table=member_table, column=member_column, kind=kind, ref_table=table,
                                 ref_column=column))
            if kind is not None:
                member.transform.params["kind"] = kind
        if kind is not None:
            decision.transform.params["kind"] = kind
    return said
