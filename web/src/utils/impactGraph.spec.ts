import { describe, expect, it } from 'vitest'
import type { Impact } from '@/api/cmdb'
import { LABEL_WIDTH, NODE_GAP, radialLayout, buildImpactGraph, GROUP_COLOURS, HIDDEN_COLOUR, isHiddenCi, NODE_SIZE, rootIdOf } from './impactGraph'

const GROUPS: Record<string, string> = { VIRTUAL_MACHINE: 'HOST', DATABASE: 'SOFTWARE', BUSINESS_SYSTEM: 'BUSINESS_SYSTEM', FIREWALL: 'NETWORK' }

const context = {
  groupOf: (code: string | null) => (code ? (GROUPS[code] ?? code) : ''),
  groupName: (group: string) => `组-${group}`,
  hiddenName: '无权查看的配置项',
  hiddenGroupName: '无权查看',
  codeLabel: '编码',
  classLabel: '类别',
  colon: '：',
}

const impact: Impact = {
  root: 10,
  truncated: false,
  businessSystems: [{ id: 30, code: 'OA', name: '办公系统', distance: 2, path: [] }],
  nodes: [
    { id: 30, code: 'OA', name: '办公系统', classCode: 'BUSINESS_SYSTEM', className: '业务系统', businessSystem: true, depth: 2, visible: true },
    { id: 10, code: 'VM-01', name: '虚拟机 01', classCode: 'VIRTUAL_MACHINE', className: '虚拟机', businessSystem: false, depth: 0, visible: true },
    { id: 20, code: 'DB-01', name: '数据库 <01>', classCode: 'DATABASE', className: '数据库', businessSystem: false, depth: 1, visible: true },
    { id: 40, code: null, name: null, classCode: null, className: null, businessSystem: false, depth: 1, visible: false },
  ],
  edges: [
    { source: 20, target: 10, type: 'RUNS_ON', label: '运行于' },
    { source: 30, target: 20, type: 'DEPENDS_ON', label: '依赖' },
    { source: 40, target: 10, type: 'RUNS_ON', label: '运行于' },
    { source: 99, target: 10, type: 'RUNS_ON', label: '运行于' },
  ],
}

type Node = { id: string; name: string; ciId: number; clickable: boolean; category: number; symbolSize: number; itemStyle: { color: string; borderWidth: number }; tooltip: { formatter: string } }

function series(option: ReturnType<typeof buildImpactGraph>) {
  const s = (option.series as unknown[])[0] as {
    type: string
    layout: string
    roam: boolean
    draggable: boolean
    data: Node[]
    links: { source: string; target: string; label: { formatter: string } }[]
    categories: { name: string; itemStyle: { color: string } }[]
  }
  return s
}

describe('impact graph', () => {
  it('is a zoomable, draggable graph laid out as a radial tree', () => {
    const s = series(buildImpactGraph(impact, context))
    expect(s.type).toBe('graph')
    expect(s.layout).toBe('none')
    expect(s.roam).toBe(true)
    expect(s.draggable).toBe(true)
  })

  it('keeps labels off the nodes: under them on a plate, cut to a width, hidden where they would overlap', () => {
    const option = buildImpactGraph(impact, context)
    const s = (option.series as unknown[])[0] as {
      data: { label: { position: string; width: number; overflow: string; backgroundColor: string; distance: number } }[]
      labelLayout: { hideOverlap: boolean }
    }
    for (const node of s.data) {
      expect(node.label.position).toBe('bottom')
      expect(node.label.distance).toBeGreaterThan(0)
      expect(node.label.width).toBe(LABEL_WIDTH)
      expect(node.label.overflow).toBe('truncate')
      expect(node.label.backgroundColor).toBeTruthy()
    }
    expect(s.labelLayout.hideOverlap).toBe(true)
  })

  it('puts the analysed CI in the middle and every other one on the ring of its depth, apart from each other', () => {
    // a server with 40 virtual machines, each carrying a business system: 81 CIs
    const nodes = [{ id: 1, depth: 0 }]
    const edges: { source: number; target: number }[] = []
    for (let i = 0; i < 40; i++) {
      nodes.push({ id: 100 + i, depth: 1 }, { id: 200 + i, depth: 2 })
      edges.push({ source: 100 + i, target: 1 }, { source: 200 + i, target: 100 + i })
    }
    const points = radialLayout(nodes, edges, 1)
    expect(points.get(1)).toEqual({ x: 0, y: 0 })
    const distance = (a: number, b: number) => Math.hypot(points.get(a)!.x - points.get(b)!.x, points.get(a)!.y - points.get(b)!.y)
    const ids = nodes.map((n) => n.id)
    for (const a of ids) for (const b of ids) if (a < b) expect(distance(a, b), `${a}–${b}`).toBeGreaterThan(NODE_GAP * 0.9)
    // a business system sits further out than the machine it runs on, in the same direction
    for (let i = 0; i < 40; i++) {
      expect(distance(1, 200 + i)).toBeGreaterThan(distance(1, 100 + i))
      expect(distance(100 + i, 200 + i)).toBeLessThan(distance(100 + i, 200 + ((i + 20) % 40)))
    }
  })

  it('places every node, also those reached through an edge the answer left out', () => {
    const points = radialLayout([{ id: 1, depth: 0 }, { id: 2, depth: 1 }, { id: 3, depth: 2 }], [], 1)
    expect([...points.keys()].sort()).toEqual([1, 2, 3])
  })

  it('highlights the analysed CI and makes business systems bigger', () => {
    const nodes = series(buildImpactGraph(impact, context)).data
    const root = nodes.find((n) => n.ciId === 10)!
    expect(nodes[0].ciId).toBe(10)
    expect(root.symbolSize).toBe(NODE_SIZE.root)
    expect(root.itemStyle.borderWidth).toBeGreaterThan(1.5)
    expect(root.clickable).toBe(false)
    expect(nodes.find((n) => n.ciId === 30)!.symbolSize).toBe(NODE_SIZE.businessSystem)
    expect(nodes.find((n) => n.ciId === 20)!.symbolSize).toBe(NODE_SIZE.other)
    expect(nodes.find((n) => n.ciId === 20)!.clickable).toBe(true)
  })

  it('colours nodes by class group, with a legend entry per group', () => {
    const s = series(buildImpactGraph(impact, context))
    expect(s.categories.map((c) => c.name)).toEqual(['组-HOST', '组-SOFTWARE', '无权查看', '组-BUSINESS_SYSTEM'])
    const byId = new Map(s.data.map((n) => [n.ciId, n]))
    expect(s.categories[byId.get(10)!.category].name).toBe('组-HOST')
    expect(byId.get(30)!.itemStyle.color).toBe(GROUP_COLOURS.BUSINESS_SYSTEM)
    expect(byId.get(20)!.itemStyle.color).toBe(GROUP_COLOURS.SOFTWARE)
  })

  it('shows CIs outside the scope grey, nameless and not clickable', () => {
    const hidden = series(buildImpactGraph(impact, context)).data.find((n) => n.ciId === 40)!
    expect(hidden.name).toBe('无权查看的配置项')
    expect(hidden.itemStyle.color).toBe(HIDDEN_COLOUR)
    expect(hidden.clickable).toBe(false)
  })

  it('treats a CI without a name as hidden, in the graph and the tables', () => {
    expect(isHiddenCi({ visible: false, name: null })).toBe(true)
    expect(isHiddenCi({ visible: false, name: '办公系统' })).toBe(true)
    expect(isHiddenCi({ name: null })).toBe(true)
    expect(isHiddenCi({ visible: true, name: '' })).toBe(true)
    expect(isHiddenCi({ visible: true, name: '办公系统' })).toBe(false)
    expect(isHiddenCi({ name: '办公系统' })).toBe(false)
    const nameless = { ...impact, nodes: [...impact.nodes, { id: 50, code: null, name: null, classCode: 'BUSINESS_SYSTEM', className: '业务系统', businessSystem: true, depth: 3, visible: true }] }
    const node = series(buildImpactGraph(nameless, context)).data.find((n) => n.ciId === 50)!
    expect(node.name).toBe('无权查看的配置项')
    expect(node.clickable).toBe(false)
    expect(node.itemStyle.color).toBe(HIDDEN_COLOUR)
  })

  it('links nodes by id and leaves out edges to unknown nodes', () => {
    const links = series(buildImpactGraph(impact, context)).links
    expect(links.map((l) => `${l.source}>${l.target}`)).toEqual(['20>10', '30>20', '40>10'])
    expect(links[0].label.formatter).toBe('运行于')
  })

  it('escapes names in tooltips', () => {
    const db = series(buildImpactGraph(impact, context)).data.find((n) => n.ciId === 20)!
    expect(db.tooltip.formatter).toContain('数据库 &lt;01&gt;')
    expect(db.tooltip.formatter).not.toContain('<01>')
  })

  it('writes the tooltip labels with the language\'s colon', () => {
    const zh = series(buildImpactGraph(impact, context)).data.find((n) => n.ciId === 20)!
    expect(zh.tooltip.formatter).toContain('编码：DB-01')
    const en = series(buildImpactGraph(impact, { ...context, codeLabel: 'Code', classLabel: 'Class', colon: ': ' })).data.find((n) => n.ciId === 20)!
    expect(en.tooltip.formatter).toContain('Code: DB-01')
    expect(en.tooltip.formatter).not.toMatch(/[：，（）]/)
  })

  it('reads the root as an id or as a node', () => {
    expect(rootIdOf({ root: 10 })).toBe(10)
    expect(rootIdOf({ root: impact.nodes[1] })).toBe(10)
    const asNode = series(buildImpactGraph({ ...impact, root: impact.nodes[1] }, context))
    expect(asNode.data[0].ciId).toBe(10)
  })
})
