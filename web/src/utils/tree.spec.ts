import { describe, expect, it } from 'vitest'
import { ancestorIds, findNode, nameIndex, subtreeIds } from './tree'

const forest = [
  { id: 1, children: [{ id: 2, children: [{ id: 3 }] }, { id: 4 }] },
  { id: 5 },
]

describe('tree helpers', () => {
  it('finds the ancestors of a node from the root down', () => {
    expect(ancestorIds(forest, 3)).toEqual([1, 2])
    expect(ancestorIds(forest, 4)).toEqual([1])
    expect(ancestorIds(forest, 1)).toEqual([])
    expect(ancestorIds(forest, 99)).toEqual([])
  })

  it('indexes names by id over the whole forest', () => {
    const names = nameIndex([{ id: 1, name: '本单位', children: [{ id: 2, name: '信息中心', children: [] }] }, { id: 3, name: '服务商' }])
    expect([...names.entries()]).toEqual([
      [1, '本单位'],
      [2, '信息中心'],
      [3, '服务商'],
    ])
  })

  it('finds nodes and subtrees', () => {
    expect(findNode(forest, 2)?.id).toBe(2)
    expect([...subtreeIds(findNode(forest, 1))]).toEqual([1, 2, 3, 4])
  })
})
