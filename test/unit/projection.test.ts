/** How many column sets narrowed reads hand out (src/api/projection.ts): PROJECTION bounds them per model. */
import { describe, expect, it } from "vitest";
import { projectionFor } from "../../src/api/projection.js";
import { PROJECTION } from "../../src/domain/limits.js";

describe("projectionFor", () => {
  it("names the columns of the selected fields, with those every read keeps, in the model's order", () => {
    expect(projectionFor("Ikm", ["workers", "regionName", "capabilities"])).toEqual(["id", "legalName", "regionCode", "workers"]);
    expect(projectionFor("Ikm", ["sizeClass", "__typename"])).toEqual(["id", "legalName", "workers", "investmentIdr"]);
    expect(projectionFor("Certification", ["type"])).toEqual(["ikmId", "type", "validFrom", "validUntil"]);
    // A field it does not know reads every column; so does a name that only looks like one.
    expect(projectionFor("Ikm", ["legalName", "financials"])).toBeNull();
    expect(projectionFor("Capability", ["process", "toString"])).toBeNull();
  });

  it(`hands out at most ${PROJECTION.maxColumnSetsPerModel} column sets a model; past that a new selection reads every column`, () => {
    const fields = ["nib", "regionCode", "address", "latitude", "longitude", "workers", "foundedYear", "description"];
    const sets: (readonly string[] | null)[] = [];
    for (let mask = 0; mask < 2 ** fields.length; mask++) sets.push(projectionFor("Ikm", fields.filter((_, i) => mask & (1 << i))));
    const handedOut = sets.filter((s) => s !== null).length;
    expect(handedOut).toBeLessThanOrEqual(PROJECTION.maxColumnSetsPerModel);
    expect(handedOut).toBeGreaterThan(PROJECTION.maxColumnSetsPerModel - 4); // the first test's few, then these up to the bound
    expect(sets.at(-1)).toBeNull();
    // Sets handed out before stay usable, and other models have their own bound.
    expect(projectionFor("Ikm", ["workers", "regionName"])).toEqual(["id", "legalName", "regionCode", "workers"]);
    expect(projectionFor("Capability", ["process"])).toEqual(["ikmId", "process"]);
  });
});
