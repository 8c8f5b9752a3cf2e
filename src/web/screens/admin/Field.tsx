/** The admin forms' field: the console's Field with this area's words and layout. */
import type { ComponentProps } from "react";
import { Field as ConsoleField } from "../../components/Field";

export function Field(props: Omit<ComponentProps<typeof ConsoleField>, "errorKey" | "className">) {
  return <ConsoleField {...props} errorKey="admin.fieldError" className="admin-field" />;
}
