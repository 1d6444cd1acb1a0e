"""Where the nodes go: the choice of layout and a pure-Python force layout for large graphs.

Large graphs (more than :data:`PYTHON_LAYOUT_THRESHOLD` nodes, or ``layout="python"``) are laid
out here, seeded, and sent to the page with physics off; small ones use vis-network's physics
(barnesHut, seeded; see :mod:`kg.explorer.vis`); above :data:`PHYSICS_SEED_THRESHOLD` nodes that
physics starts from the Python layout. :func:`python_layout` is Fruchterman-Reingold with
grid-limited repulsion, coarse to fine on big components: the same input always gives the same
positions, on any machine.

Imports nothing of kg; networkx only inside :func:`python_layout`.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

#: Accepted values of the ``layout`` argument.
LAYOUTS = ("auto", "python", "physics")
#: Above this many nodes ``layout="auto"`` computes positions in Python.
PYTHON_LAYOUT_THRESHOLD = 300
#: With physics, graphs above this many nodes start from the Python layout.
PHYSICS_SEED_THRESHOLD = 100
#: Seed of every random choice made for a layout (Python and vis-network).
LAYOUT_SEED = 42
#: Median distance (px) from a node to its nearest neighbour in a Python layout.
_NEAREST_PX = 34.0
#: Components above this many nodes are laid out coarse to fine.
_MULTILEVEL_MIN = 400
#: Coarsening stops at this many nodes, or when a step merges too little.
_COARSEST = 60
#: Work (nodes + edges, summed over iterations) of the refinement at each level; the
#: number of iterations there is this divided by the level's size, within bounds.
_REFINE_WORK = 220_000
_REFINE_ITERATIONS = (6, 40)


def choose_layout(layout: str, n_nodes: int) -> str:
    """``"python"`` or ``"physics"``: what ``layout`` means for a graph of ``n_nodes`` nodes
    (``"auto"`` picks by :data:`PYTHON_LAYOUT_THRESHOLD`); ``ValueError`` for another value."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}; got {layout!r}")
    if layout == "auto":
        return "python" if n_nodes > PYTHON_LAYOUT_THRESHOLD else "physics"
    return layout


def start_positions(layout: str, nodes: list[str], pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions (px) the page starts from under the chosen ``layout``: the Python layout when
    it is chosen, and to seed physics on graphs above :data:`PHYSICS_SEED_THRESHOLD` nodes (where
    200 iterations from random positions leave a tangle); else none, and vis-network places
    the nodes itself."""
    if layout == "python" or len(nodes) > PHYSICS_SEED_THRESHOLD:
        return python_layout(nodes, pairs)
    return {}


def python_layout(nodes: list[str], pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Seeded force-directed layout in pure Python; returns page coordinates (px).

    networkx's ``spring_layout`` needs numpy (and scipy from 500 nodes), which the
    project does not depend on. This is Fruchterman-Reingold with grid-limited
    repulsion and logarithmic attraction (LinLog-like, which separates clusters and
    keeps dense cores from collapsing), run per connected component; a component of
    more than :data:`_MULTILEVEL_MIN` nodes is laid out coarse to fine (see
    :func:`_multilevel_layout`). Components are then packed in rows and the whole
    drawing scaled so that the median distance to the nearest node is
    :data:`_NEAREST_PX`. Pure Python floats and ``random.Random(seed)`` make it
    reproducible on any machine.
    """
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((a, b) for a, b in pairs if a != b)

    components = sorted(
        (sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0])
    )
    rng = random.Random(LAYOUT_SEED)
    gap = 2.0  # between packed components, in units of the ideal edge length
    placed: list[tuple[list[str], list[tuple[float, float]], float, float]] = []
    singles: list[str] = []
    for comp in components:
        if len(comp) == 1:
            singles.append(comp[0])
            continue
        index = {n: i for i, n in enumerate(comp)}
        edges = sorted(
            {(min(index[a], index[b]), max(index[a], index[b])) for a, b in simple.subgraph(comp).edges}
        )
        if len(comp) > _MULTILEVEL_MIN:
            xy = _multilevel_layout(len(comp), edges, rng)
        else:
            xy = _fruchterman_reingold(len(comp), edges, rng)
        minx = min(p[0] for p in xy)
        miny = min(p[1] for p in xy)
        pts = [(x - minx, y - miny) for x, y in xy]
        placed.append((comp, pts, max(p[0] for p in pts), max(p[1] for p in pts)))
    if singles:
        side = math.ceil(math.sqrt(len(singles)))
        pts = [(float(i % side), float(i // side)) for i in range(len(singles))]
        placed.append((singles, pts, float(side - 1), float((len(singles) - 1) // side)))

    # Shelf packing: rows about as wide as a square holding everything.
    total_area = sum((w + gap) * (h + gap) for _, _, w, h in placed)
    row_width = max([math.sqrt(total_area)] + [w for _, _, w, _ in placed])
    units: dict[str, tuple[float, float]] = {}
    x0 = y0 = row_height = 0.0
    for comp, pts, w, h in placed:
        if x0 > 0 and x0 + w > row_width:
            x0, y0, row_height = 0.0, y0 + row_height + gap, 0.0
        for node, (x, y) in zip(comp, pts):
            units[node] = (x0 + x, y0 + y)
        x0 += w + gap
        row_height = max(row_height, h)
    if not units:
        return {}

    scale = _NEAREST_PX / _median_nearest(list(units.values()))
    xs = [p[0] for p in units.values()]
    ys = [p[1] for p in units.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round((x - cx) * scale, 1), round((y - cy) * scale, 1)) for n, (x, y) in units.items()}


def _median_nearest(points: list[tuple[float, float]]) -> float:
    """Median nearest-neighbour distance (searching a 3x3 block of unit cells), over
    every point, or every k-th one of a large drawing (about 2,000 of them)."""
    if len(points) < 2:
        return 1.0
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(points):
        grid[(math.floor(x), math.floor(y))].append(i)
    nearest = []
    stride = max(1, len(points) // 2000)
    for i in range(0, len(points), stride):
        x, y = points[i]
        gx, gy = math.floor(x), math.floor(y)
        best = math.inf
        for ox in (-1, 0, 1):
            for oy in (-1, 0, 1):
                for j in grid.get((gx + ox, gy + oy), ()):
                    if j != i:
                        best = min(best, math.hypot(x - points[j][0], y - points[j][1]))
        nearest.append(min(best, 1.0))
    nearest.sort()
    return max(nearest[len(nearest) // 2], 1e-3)


def _coarsen(n: int, edges: list[tuple[int, int]], rng: random.Random) -> tuple[list[int], int]:
    """One coarsening step: (cluster of each node, number of clusters). Nodes are
    matched in a seeded random order with their unmatched neighbour of lowest degree;
    a node left unmatched joins the smallest cluster of a neighbour, so that stars
    collapse too."""
    adjacency: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        adjacency[a].append(b)
        adjacency[b].append(a)
    order = list(range(n))
    rng.shuffle(order)
    cluster = [-1] * n
    sizes: list[int] = []
    for v in order:
        if cluster[v] >= 0:
            continue
        best, best_degree = -1, n + 1
        for u in adjacency[v]:
            if cluster[u] < 0 and u != v and len(adjacency[u]) < best_degree:
                best, best_degree = u, len(adjacency[u])
        if best >= 0:
            cluster[v] = cluster[best] = len(sizes)
            sizes.append(2)
    for v in order:
        if cluster[v] >= 0:
            continue
        joined = -1
        for u in adjacency[v]:
            c = cluster[u]
            if c >= 0 and (joined < 0 or sizes[c] < sizes[joined]):
                joined = c
        if joined < 0:
            joined = len(sizes)
            sizes.append(0)
        cluster[v] = joined
        sizes[joined] += 1
    return cluster, len(sizes)


def _multilevel_layout(n: int, edges: list[tuple[int, int]], rng: random.Random) -> list[tuple[float, float]]:
    """Fruchterman-Reingold coarse to fine (as in Walshaw's multilevel algorithm):
    merge neighbours until the graph is small, lay that out fully, then place each
    node where its cluster was and refine with a few cooler iterations at each level.
    Far cheaper than many iterations on the whole graph, and big structures come out
    untangled."""
    levels: list[tuple[int, list[tuple[int, int]], list[int]]] = []  # (n, edges, cluster)
    size, level_edges = n, edges
    while size > _COARSEST:
        cluster, coarse_size = _coarsen(size, level_edges, rng)
        if coarse_size > 0.85 * size:
            break
        levels.append((size, level_edges, cluster))
        level_edges = sorted({
            (min(cluster[a], cluster[b]), max(cluster[a], cluster[b]))
            for a, b in level_edges if cluster[a] != cluster[b]
        })
        size = coarse_size
    xy = _fruchterman_reingold(size, level_edges, rng, iterations=80)
    low, high = _REFINE_ITERATIONS
    for fine_size, fine_edges, cluster in reversed(levels):
        spread = math.sqrt(fine_size / size)
        start = [
            (xy[c][0] * spread + rng.random() - 0.5, xy[c][1] * spread + rng.random() - 0.5) for c in cluster
        ]
        iterations = max(low, min(high, _REFINE_WORK // (fine_size + len(fine_edges))))
        xy = _fruchterman_reingold(fine_size, fine_edges, rng, iterations=iterations, start=start, temperature=1.0)
        size = fine_size
    return xy


def _fruchterman_reingold(
    n: int,
    edges: list[tuple[int, int]],
    rng: random.Random,
    iterations: int = 60,
    start: list[tuple[float, float]] | None = None,
    temperature: float | None = None,
) -> list[tuple[float, float]]:
    """Fruchterman-Reingold in units of the ideal edge length, with attraction
    log(1 + d) and repulsion 1/d limited to nearby nodes, so that an iteration costs
    about O(n + m): nodes are put in a grid of 2-unit cells; within a cell every pair
    repels exactly, and a node is pushed by each of the 8 cells around its own as by
    one mass at the cell's centroid (dropped beyond 3 units). The grid is shifted by a
    random offset each iteration, so close pairs are rarely split by a cell border.
    Starts from ``start`` (else at random) with a step limited to ``temperature``
    (else a size-based one), cooling linearly."""
    side = math.sqrt(n)
    if start is None:
        xs = [rng.random() * side for _ in range(n)]
        ys = [rng.random() * side for _ in range(n)]
    else:
        xs = [p[0] for p in start]
        ys = [p[1] for p in start]
    if temperature is None:
        temperature = side / 8
    cooling = temperature / (iterations + 1)
    cell = 2.0
    far2 = 9.0
    sqrt = math.sqrt
    log1p = math.log1p
    around = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        ox = rng.random() * cell
        oy = rng.random() * cell
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(int((xs[i] + ox) // cell), int((ys[i] + oy) // cell))].append(i)
        centroids: dict[tuple[int, int], tuple[float, float, int]] = {}
        for key, members in grid.items():
            count = len(members)
            centroids[key] = (sum(xs[i] for i in members) / count, sum(ys[i] for i in members) / count, count)
        for (gx, gy), members in grid.items():
            near = [c for c in (centroids.get((gx + ax, gy + ay)) for ax, ay in around) if c is not None]
            count = len(members)
            for position in range(count):
                i = members[position]
                xi = xs[i]
                yi = ys[i]
                fx = fy = 0.0
                for j in members[position + 1 :]:
                    ddx = xi - xs[j]
                    ddy = yi - ys[j]
                    d2 = ddx * ddx + ddy * ddy
                    if d2 < 1e-6:  # coincident: push apart in a fixed direction
                        ddx, ddy, d2 = 0.01, 0.01 * ((i + j) % 3 - 1), 2e-4
                    ddx /= d2  # |force| = 1/d along the unit vector
                    ddy /= d2
                    fx += ddx
                    fy += ddy
                    dx[j] -= ddx
                    dy[j] -= ddy
                for cx, cy, mass in near:
                    ddx = xi - cx
                    ddy = yi - cy
                    d2 = ddx * ddx + ddy * ddy
                    if d2 >= far2 or d2 < 1e-6:
                        continue
                    fx += ddx * mass / d2
                    fy += ddy * mass / d2
                dx[i] += fx
                dy[i] += fy
        for a, b in edges:
            ddx = xs[a] - xs[b]
            ddy = ys[a] - ys[b]
            d = sqrt(ddx * ddx + ddy * ddy)
            if d == 0:
                continue
            f = log1p(d) / d  # |force| = log(1 + d)
            dx[a] -= ddx * f
            dy[a] -= ddy * f
            dx[b] += ddx * f
            dy[b] += ddy * f
        for i in range(n):
            d = sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if d > 0:
                step = min(d, temperature) / d
                xs[i] += dx[i] * step
                ys[i] += dy[i] * step
        temperature -= cooling
    return list(zip(xs, ys))
