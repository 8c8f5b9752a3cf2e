/** Where services report that what the matcher reads of some IKMs changed (after commit). */
export interface SupplierChanges {
  ikmsChanged(ids: string[]): Promise<void>;
  /**
   * The installed vocabulary changed: a need's materials and an IKM's machines may read differently
   * for every IKM, so nothing answered with the old words may be answered again.
   */
  vocabularyChanged(): void;
}

export const ignoreSupplierChanges: SupplierChanges = { ikmsChanged: async () => undefined, vocabularyChanged: () => undefined };
