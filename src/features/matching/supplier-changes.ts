/** Where services report that what the matcher reads of some IKMs changed (after commit). */
export interface SupplierChanges {
  ikmsChanged(ids: string[]): Promise<void>;
}

export const ignoreSupplierChanges: SupplierChanges = { ikmsChanged: async () => undefined };
