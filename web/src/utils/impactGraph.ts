import type { ComposeOption } from 'echarts/core'
import type { GraphSeriesOption } from 'echarts/charts'
import type { LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { Impact, ImpactNode } from '@/api/cmdb'

export type ImpactGraphOption = ComposeOption<GraphSeriesOption | LegendComponentOption | TooltipComponentOption>

/** Colours of the preset class groups (top-level classes); other groups take the palette in turn. */
export const GROUP_COLOURS: Record<string, string> = {
  BUSINESS_SYSTEM: '#d4380d',
  APPLICATION_FUNCTION: '#d48806',
  SOFTWARE: '#0e8a8a',
  HOST: '#389e0d',
  STORAGE: '#7232a8',
  NETWORK: '#1f5fae',
  INFRASTRUCTURE: '#8c6d1f',
  ENVIRONMENT: '#c41d7f',
}
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc']
export const HIDDEN_COLOUR = '#bfc6d1'
const HIDDEN_GROUP = '__hidden__'

export const NODE_SIZE = { root: 54, businessSystem: 44, other: 28 }

/** The widest a node's label gets (px); a longer name is cut with "…" and shown whole in the tooltip. */
export const LABEL_WIDTH = 112

/** The least distance between two rings of the radial layout, and between two nodes on a ring (px). */
export const RING_GAP = 150
export const NODE_GAP = 132

/**
 * Rings are ellipses as wide as the chart is wide (about twice its height): the picture is fitted
 * into the chart, and labels are long and flat, so the room goes where the labels need it.
 */
export const ASPECT = 1.9

export interface Point {
  x: number
  y: number
}

/**
 * Where each node goes: the analysed CI in the middle, every other CI on the ring of its depth
 * (how many relations away it is), in the sector of the CI it was reached through, so that a
 * path runs outwards and nodes and their labels never sit on each other. A ring is as large as
 * it must be for its nodes to stand `NODE_GAP` apart (and wider than high, {@link ASPECT}). Deterministic: the same answer draws the
 * same picture.
 */
export function radialLayout(nodes: Pick<ImpactNode, 'id' | 'depth'>[], edges: Pick<Impact['edges'][number], 'source' | 'target'>[], rootId: number): Map<number, Point> {
  const depth = new Map(nodes.map((n) => [n.id, n.id === rootId ? 0 : Math.max(1, n.depth ?? 1)]))
  const children = new Map<number, number[]>()
  const hasParent = new Set<number>([rootId])
  for (const e of edges) {
    const a = depth.get(e.source)
    const b = depth.get(e.target)
    if (a === undefined || b === undefined || a === b) continue
    const [parent, child] = a < b ? [e.source, e.target] : [e.target, e.source]
    if (hasParent.has(child)) continue
    hasParent.add(child)
    children.set(parent, [...(children.get(parent) ?? []), child])
  }
  // CIs whose way in is not among the edges hang from the root
  for (const n of nodes) {
    if (!hasParent.has(n.id)) children.set(rootId, [...(children.get(rootId) ?? []), n.id])
  }
  const leaves = new Map<number, number>()
  const countLeaves = (id: number): number => {
    const below = children.get(id) ?? []
    const count = below.length ? below.reduce((sum, c) => sum + countLeaves(c), 0) : 1
    leaves.set(id, count)
    return count
  }
  countLeaves(rootId)
  const perRing = new Map<number, number>()
  for (const [id, d] of depth) if (id !== rootId) perRing.set(d, (perRing.get(d) ?? 0) + 1)
  const radius = new Map<number, number>([[0, 0]])
  const deepest = Math.max(0, ...perRing.keys())
  for (let d = 1; d <= deepest; d++) {
    const room = ((perRing.get(d) ?? 0) * NODE_GAP) / (2 * Math.PI)
    radius.set(d, Math.max((radius.get(d - 1) ?? 0) + RING_GAP, room))
  }
  const points = new Map<number, Point>([[rootId, { x: 0, y: 0 }]])
  const place = (id: number, from: number, to: number): void => {
    let start = from
    const total = leaves.get(id) ?? 1
    for (const child of children.get(id) ?? []) {
      const share = ((to - from) * (leaves.get(child) ?? 1)) / total
      const angle = start + share / 2
      const r = radius.get(depth.get(child) ?? 1) ?? RING_GAP
      points.set(child, { x: Math.round(ASPECT * r * Math.cos(angle)), y: Math.round(r * Math.sin(angle)) })
      place(child, start, start + share)
      start += share
    }
  }
  place(rootId, -Math.PI / 2, (3 * Math.PI) / 2)
  return points
}

/** What a node of the option carries besides what ECharts needs (read back on click). */
export interface ImpactNodeDatum {
  id: string
  name: string
  ciId: number
  /** Only visible CIs other than the root can be opened. */
  clickable: boolean
}

export interface ImpactGraphContext {
  /** The top-level class of a class code (its colour group). */
  groupOf: (classCode: string | null) => string
  /** Display name of a group (a top-level class code). */
  groupName: (group: string) => string
  /** Texts for CIs outside the caller's scope. */
  hiddenName: string
  hiddenGroupName: string
  /** Tooltip texts. */
  codeLabel: string
  classLabel: string
  /** Between a label and its value: 「：」 in Chinese, ": " in English. */
  colon: string
}

/**
 * Whether a CI of an impact answer (a node or an affected business system) is outside the
 * caller's scope: `visible: false`, or no name given. Such CIs show as 「无权查看的配置项」 and
 * cannot be opened.
 */
export function isHiddenCi(ci: { visible?: boolean | null; name?: string | null }): boolean {
  return ci.visible === false || !ci.name
}

/** The id of the analysed CI (the contract gives `root` as an id or as the node). */
export function rootIdOf(impact: Pick<Impact, 'root'>): number {
  return typeof impact.root === 'object' && impact.root !== null ? impact.root.id : Number(impact.root)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

/**
 * The ECharts option of an impact graph: a radial tree ({@link radialLayout}) that can be zoomed,
 * panned and dragged;
 * nodes coloured by class group (legend), the analysed CI highlighted (bigger, dark ring),
 * business systems bigger, CIs outside the caller's scope grey and nameless; edges as arrows
 * from source to target, labelled with the relation on hover.
 */
export function buildImpactGraph(impact: Impact, context: ImpactGraphContext): ImpactGraphOption {
  const rootId = rootIdOf(impact)
  const groups: string[] = []
  const groupIndex = (group: string): number => {
    let index = groups.indexOf(group)
    if (index < 0) {
      groups.push(group)
      index = groups.length - 1
    }
    return index
  }
  const colourOf = (group: string, index: number): string =>
    group === HIDDEN_GROUP ? HIDDEN_COLOUR : (GROUP_COLOURS[group] ?? PALETTE[index % PALETTE.length])

  // the root first, then by depth: the legend lists the root's group first
  const nodes = [...impact.nodes].sort((a, b) => (a.id === rootId ? -1 : b.id === rootId ? 1 : a.depth - b.depth))
  if (!nodes.some((n) => n.id === rootId) && typeof impact.root === 'object' && impact.root) nodes.unshift(impact.root)

  const points = radialLayout(nodes, impact.edges, rootId)
  const data = nodes.map((node: ImpactNode) => {
    const isRoot = node.id === rootId
    const hidden = isHiddenCi(node)
    const group = hidden ? HIDDEN_GROUP : context.groupOf(node.classCode) || HIDDEN_GROUP
    const category = groupIndex(group)
    const colour = colourOf(group, category)
    const name = hidden ? context.hiddenName : (node.name as string)
    const size = isRoot ? NODE_SIZE.root : node.businessSystem ? NODE_SIZE.businessSystem : NODE_SIZE.other
    const tooltip = !hidden
      ? [escapeHtml(name), node.code ? `${context.codeLabel}${context.colon}${escapeHtml(node.code)}` : '', node.className ? `${context.classLabel}${context.colon}${escapeHtml(node.className)}` : '']
          .filter(Boolean)
          .join('<br/>')
      : escapeHtml(context.hiddenName)
    const point = points.get(node.id) ?? { x: 0, y: 0 }
    return {
      id: String(node.id),
      name,
      ciId: node.id,
      x: point.x,
      y: point.y,
      clickable: !hidden && !isRoot,
      category,
      symbolSize: size,
      symbol: node.businessSystem ? 'roundRect' : 'circle',
      itemStyle: isRoot
        ? { color: colour, borderColor: '#1f2d3d', borderWidth: 4, shadowBlur: 12, shadowColor: 'rgba(31, 95, 174, 0.5)' }
        : { color: colour, borderColor: '#fff', borderWidth: 1.5 },
      label: {
        show: true,
        position: 'bottom' as const,
        distance: 6,
        width: LABEL_WIDTH,
        overflow: 'truncate' as const,
        ellipsis: '…',
        // a plate under the text keeps it readable where it crosses lines or other nodes
        backgroundColor: 'rgba(255, 255, 255, 0.88)',
        padding: [1, 4] as [number, number],
        borderRadius: 3,
        fontWeight: isRoot || node.businessSystem ? ('bold' as const) : ('normal' as const),
        color: hidden ? '#8492a6' : '#1f2d3d',
      },
      cursor: !hidden && !isRoot ? 'pointer' : 'default',
      tooltip: { formatter: tooltip },
    }
  })

  const known = new Set(data.map((d) => d.id))
  const links = impact.edges
    .filter((e) => known.has(String(e.source)) && known.has(String(e.target)))
    .map((e) => ({
      source: String(e.source),
      target: String(e.target),
      label: { show: false, formatter: e.label },
      emphasis: { label: { show: true, formatter: e.label } },
      tooltip: { formatter: escapeHtml(e.label) },
    }))

  const categories = groups.map((group, index) => ({
    name: group === HIDDEN_GROUP ? context.hiddenGroupName : context.groupName(group),
    itemStyle: { color: colourOf(group, index) },
  }))

  return {
    tooltip: { trigger: 'item', confine: true },
    legend: [{ data: categories.map((c) => c.name), top: 0, left: 'center', type: 'scroll' }],
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        draggable: true,
        top: 40,
        // labels that would still cover another label are left out until the node is pointed at
        labelLayout: { hideOverlap: true },
        categories,
        data,
        links,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        lineStyle: { color: '#a8b3c1', width: 1.5, curveness: 0.08 },
        edgeLabel: { fontSize: 11, color: '#5a6b80' },
        label: { fontSize: 12 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
      },
    ],
  }
}
