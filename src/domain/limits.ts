/** Limits that protect the service and its users; one place, so they are easy to find and change. */
export const LIMITS = {
  /** Largest page a connection returns; larger `first` values are refused, not silently cut. */
  maxPageSize: 100,
  defaultPageSize: 20,
  /** Needs a firm may list per nested `Firm.needs` read. */
  maxNestedNeeds: 50,
  maxCapabilitiesPerIkm: 30,
  maxMachinesPerIkm: 200,
  maxTextLength: 4000,
  maxNameLength: 200,
  minPasswordLength: 10,
} as const;
