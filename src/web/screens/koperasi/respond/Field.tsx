/** The koperasi's answer form's field: the console's Field with this area's words and layout. */
import type { ComponentProps } from "react";
import { Field as ConsoleField } from "../../../components/Field";

export function Field(props: Omit<ComponentProps<typeof ConsoleField>, "errorKey" | "className">) {
  return <ConsoleField {...props} errorKey="koperasi.respond.fieldError" className="koperasi-field" />;
}
