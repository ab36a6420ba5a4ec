// The label pass: after a layout, and whenever the viewport settles, each node's label is either drawn
// where it stands or hidden, so that no two drawn labels overlap, no label covers another node, and
// none is cut off by the edge of the view.
// Labels are placed by priority (the view's focus, "expand" controls, tasks, then units by their
// strongest role), each tried below, above, right and left of its node (a task above first: below
// it are the units it fans out to); one that fits nowhere is hidden, and shows on hover, on tap,
// and once zooming in makes room for it.
import type cytoscape from 'cytoscape';

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** the box of a node's own label, as cytoscape measures it (model coordinates); null without one */
export function labelBox(node: cytoscape.NodeSingular): Box | null {
  if (!node.style('label')) return null;
  const b = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeMainLabels: true, includeSourceLabels: false, includeTargetLabels: false, includeOverlays: false, includeUnderlays: false } as cytoscape.BoundingBoxOptions);
  return b.w > 0 && b.h > 0 ? b : null;
}

export function bodyBox(node: cytoscape.NodeSingular): Box {
  return node.boundingBox({ includeNodes: true, includeEdges: false, includeLabels: false, includeOverlays: false, includeUnderlays: false } as cytoscape.BoundingBoxOptions);
}

export const intersects = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const inside = (a: Box, b: Box): boolean => a.x1 >= b.x1 && a.x2 <= b.x2 && a.y1 >= b.y1 && a.y2 <= b.y2;

/** boxes bucketed on a grid, so that a thousand labels are checked against their neighbours only */
class BoxGrid {
  private cells = new Map<string, Box[]>();
  constructor(private size: number) {}
  private keys(b: Box): string[] {
    const keys: string[] = [];
    for (let x = Math.floor(b.x1 / this.size); x <= Math.floor(b.x2 / this.size); x++) {
      for (let y = Math.floor(b.y1 / this.size); y <= Math.floor(b.y2 / this.size); y++) keys.push(`${x},${y}`);
    }
    return keys;
  }
  add(b: Box): void {
    for (const k of this.keys(b)) (this.cells.get(k) ?? this.cells.set(k, []).get(k)!).push(b);
  }
  hits(b: Box, except?: Box): boolean {
    return this.keys(b).some((k) => this.cells.get(k)?.some((o) => o !== except && intersects(b, o)));
  }
}

/** higher first: the view's focus, then what a reader looks for (set by the views as data priority) */
function priority(node: cytoscape.NodeSingular): number {
  if (node.hasClass('focus')) return 1e6;
  return (node.data('priority') ?? 0) + node.degree(false) / 1000;
}

const PLACES = ['label-below', 'label-above', 'label-right', 'label-left'] as const;
const PLACE_CLASSES = [...PLACES.slice(1), 'label-hidden'].join(' ');
/** above this many nodes a label is tried where it stands only: each other place is a restyle */
const TRY_PLACES_UP_TO = 300;

function placesFor(node: cytoscape.NodeSingular, many: boolean): readonly string[] {
  if (many || node.hasClass('focus')) return PLACES.slice(0, 1);
  return node.hasClass('task') ? ['label-above', 'label-below', 'label-right', 'label-left'] : PLACES;
}

/** a class of PLACES on the node (below is the stylesheet's default, so it needs none) */
function putLabel(node: cytoscape.NodeSingular, place: string): void {
  node.removeClass(PLACE_CLASSES);
  if (place !== 'label-below') node.addClass(place);
}

/**
 * Places each label where it overlaps no label already placed and no other node, wholly in view,
 * or hides it; returns how many are shown and hidden. Deterministic: ties are broken by ID.
 */
export function placeLabels(cy: cytoscape.Core): { shown: number; hidden: number } {
  // a hovered or selected node shows its full label on top of the rest, as a tooltip would
  const nodes = cy.nodes().filter((n) => n.visible() && !n.selected() && !n.hasClass('hover')) as unknown as cytoscape.NodeCollection;
  const many = nodes.length > TRY_PLACES_UP_TO;
  cy.batch(() => nodes.removeClass(PLACE_CLASSES));
  const bodies = new Map<string, Box>();
  nodes.forEach((n) => void bodies.set(n.id(), bodyBox(n)));
  const candidates = nodes
    .map((n) => ({ n, box: labelBox(n), p: priority(n) }))
    .filter((c): c is { n: cytoscape.NodeSingular; box: Box; p: number } => c.box !== null)
    .sort((a, b) => b.p - a.p || (a.n.id() < b.n.id() ? -1 : 1));
  // a cell about the size of a label line
  const size = Math.max(8, ...candidates.slice(0, 50).map((c) => c.box.y2 - c.box.y1)) * 4;
  const labels = new BoxGrid(size);
  const nodeGrid = new BoxGrid(size);
  for (const b of bodies.values()) nodeGrid.add(b);
  const view = cy.extent();
  const fits = (box: Box, own: Box | undefined) => inside(box, view) && !labels.hits(box) && !nodeGrid.hits(box, own);
  let hidden = 0;
  for (const c of candidates) {
    const own = bodies.get(c.n.id());
    let placed = false;
    for (const place of placesFor(c.n, many)) {
      putLabel(c.n, place);
      const box = place === 'label-below' ? c.box : labelBox(c.n);
      if (box && fits(box, own)) {
        labels.add(box);
        placed = true;
        break;
      }
    }
    if (!placed) {
      putLabel(c.n, 'label-below');
      c.n.addClass('label-hidden');
      hidden++;
    }
  }
  return { shown: candidates.length - hidden, hidden };
}
