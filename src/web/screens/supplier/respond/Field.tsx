/** The IKM's answer form's field: the console's Field with this area's words for a refusal. */
import type { ComponentProps } from "react";
import { Field as ConsoleField } from "../../../components/Field";

export function Field(props: Omit<ComponentProps<typeof ConsoleField>, "errorKey" | "className">) {
  return <ConsoleField {...props} errorKey="supplier.respond.fieldError" />;
}
