"""Communities in a seeker's network: groups of contacts linked by introductions or a company.

For each seeker, an undirected graph links the seeker's contacts to their company (a company
node, matched by company key) and to each other where one introduced the other. Louvain
community detection (:func:`networkx.community.louvain_communities`, seeded) then groups them.
The seeker node is left out on purpose: it touches every contact and would merge everything.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from netlytics import identity
from netlytics._checks import check_number, check_positive_int
from netlytics.data import NetworkData
from netlytics.metrics._common import as_data
from netlytics.metrics.touches import empty_frame

__all__ = ["communities"]

COMMUNITY_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "community": "int64",
    "contact_id": "str",
    "name": "str",
    "company": "str",
    "size": "int64",
    "top_company": "str",
}


def communities(
    data: NetworkData | pd.DataFrame, *, seed: int = 0, resolution: float = 1.0, min_size: int = 2
) -> pd.DataFrame:
    """Louvain communities of each seeker's contacts, as a tidy table.

    Parameters
    ----------
    data
        The loaded data (contacts with companies, and introductions with ``introduced``).
    seed
        Seed of the Louvain algorithm (same seed, same data: same communities).
    resolution
        Louvain resolution: above 1 favours smaller communities, below 1 larger ones.
    min_size
        Communities with fewer contacts are left out (default 2: contacts linked to nobody
        are not a community).

    Returns
    -------
    pandas.DataFrame
        One row per (seeker, contact) in a community of at least ``min_size`` contacts, sorted
        by seeker, community and contact_id. Columns: ``seeker``; ``community`` (0, 1, ...
        per seeker, largest first, ties broken by the smallest contact_id); ``contact_id``;
        ``name``; ``company``; ``size`` (contacts in the community); ``top_company`` (the
        most frequent company in it, null when none is known).

    Raises
    ------
    ParameterError
        When ``min_size`` is not a whole number >= 1 or ``resolution`` not a positive number.

    See Also
    --------
    netlytics.graph.build.build_graph : the whole network as a graph.

    Examples
    --------
    >>> from netlytics.data import NetworkData
    >>> data = NetworkData(contacts=pd.DataFrame({
    ...     "seeker": ["Ana"] * 4, "contact_id": ["a", "b", "c", "d"],
    ...     "company": ["Acme", "ACME Inc", "Globex", "Globex"]}))
    >>> communities(data)[["community", "contact_id", "company", "size"]]
       community contact_id   company  size
    0          0          a      Acme     2
    1          0          b  ACME Inc     2
    2          1          c    Globex     2
    3          1          d    Globex     2
    """
    min_size = check_positive_int("min_size", min_size)
    resolution = check_number("resolution", resolution, minimum=0, strict=True)
    data = as_data(data)
    contacts, intro = _people(data)
    frames = [
        part
        for seeker, cs in contacts.groupby("seeker", sort=True)
        if (part := _louvain(seeker, cs, intro, resolution, seed)) is not None
    ]
    if not frames:
        return empty_frame(COMMUNITY_COLUMNS)
    out = pd.concat(frames, ignore_index=True).astype({"contact_id": "str", "seeker": "str"})
    out = out.merge(contacts[["seeker", "contact_id", "name", "company", "company_key"]], how="left")
    out["size"] = out.groupby(["seeker", "_part"])["contact_id"].transform("size").astype("int64")
    out = out.loc[out["size"] >= min_size]
    if out.empty:
        return empty_frame(COMMUNITY_COLUMNS)
    out = _number_and_name(out)
    out = out.sort_values(["seeker", "community", "contact_id"], kind="stable")
    return out[list(COMMUNITY_COLUMNS)].astype(COMMUNITY_COLUMNS).reset_index(drop=True)


def _people(data) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every person of each seeker (contacts, and people only seen in interactions or as someone
    introduced) with their company key, and the introductions."""
    contacts = data.contacts.drop_duplicates(["seeker", "contact_id"])
    inter = data.interactions
    intro = inter.loc[
        inter["kind"].eq("introduction") & inter["introduced"].notna() & inter["contact_id"].notna(),
        ["seeker", "contact_id", "introduced"],
    ]
    # people only seen in interactions (or as someone introduced) are contacts too
    seen = pd.concat(
        [
            inter.loc[inter["contact_id"].notna(), ["seeker", "contact_id"]],
            intro[["seeker", "introduced"]].rename(columns={"introduced": "contact_id"}),
        ]
    ).drop_duplicates()
    people = seen.merge(contacts[["seeker", "contact_id"]], how="left", indicator=True)
    people = people.loc[people["_merge"] == "left_only", ["seeker", "contact_id"]]
    contacts = pd.concat([contacts[["seeker", "contact_id", "name", "company"]], people], ignore_index=True)
    contacts = contacts.assign(company_key=identity.company_key(contacts["company"]))

    return contacts, intro


def _louvain(
    seeker: str, cs: pd.DataFrame, intro: pd.DataFrame, resolution: float, seed
) -> pd.DataFrame | None:
    """One seeker's Louvain parts: contacts linked by shared companies and introductions."""
    ids = sorted(cs["contact_id"].astype("str").tolist())
    g = nx.Graph()
    g.add_nodes_from(("c", i) for i in ids)
    comp = cs.loc[cs["company_key"].notna()].sort_values("contact_id")
    g.add_edges_from(
        (("c", a), ("k", b)) for a, b in zip(comp["contact_id"], comp["company_key"], strict=True)
    )
    si = intro.loc[intro["seeker"] == seeker].sort_values(["contact_id", "introduced"])
    si = si.loc[si["contact_id"] != si["introduced"]]
    g.add_edges_from((("c", a), ("c", b)) for a, b in zip(si["contact_id"], si["introduced"], strict=True))
    if g.number_of_edges() == 0:
        return None
    parts = nx.community.louvain_communities(g, resolution=resolution, seed=seed)
    rows = [(i, node[1]) for i, part in enumerate(parts) for node in part if node[0] == "c"]
    return pd.DataFrame(rows, columns=["_part", "contact_id"]).assign(seeker=seeker)


def _number_and_name(out: pd.DataFrame) -> pd.DataFrame:
    """Number the communities of each seeker and name each by its most frequent company."""
    # number communities per seeker: largest first, then by smallest contact_id
    first_id = out.groupby(["seeker", "_part"])["contact_id"].transform("min")
    order = out.assign(_first=first_id)[["seeker", "_part", "size", "_first"]].drop_duplicates()
    order = order.sort_values(["seeker", "size", "_first"], ascending=[True, False, True])
    order["community"] = order.groupby("seeker").cumcount().astype("int64")
    out = out.merge(order[["seeker", "_part", "community"]], on=["seeker", "_part"])
    # most frequent company (by key; the most frequent spelling of it) per community
    known = out.loc[out["company_key"].notna()]
    counts = known.groupby(["seeker", "community", "company_key"]).size().rename("n").reset_index()
    counts = counts.sort_values(
        ["seeker", "community", "n", "company_key"], ascending=[True, True, False, True]
    )
    top = counts.drop_duplicates(["seeker", "community"])
    spell = known.groupby(["seeker", "community", "company_key", "company"]).size().rename("m").reset_index()
    spell = spell.sort_values(
        ["seeker", "community", "company_key", "m", "company"], ascending=[True] * 3 + [False, True]
    )
    spell = spell.drop_duplicates(["seeker", "community", "company_key"])
    top = top.merge(spell, on=["seeker", "community", "company_key"])[["seeker", "community", "company"]]
    out = out.merge(top.rename(columns={"company": "top_company"}), on=["seeker", "community"], how="left")
    return out
