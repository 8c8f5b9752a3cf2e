/** An area's navigation (its sections, the current one marked) above its screen: the IKM's, the koperasi's and the administrators' areas share it. */
import type { ReactNode } from "react";
import { linkTo } from "../router";

export interface Section {
  /** The client route. */
  path: string;
  /** Its link's words, in the chosen language. */
  label: string;
}

export function AreaFrame({ className, label, sections, current, extra, children }: {
  /** The navigation's class (each area styles its own). */
  className: string;
  /** The navigation's accessible name. */
  label: string;
  sections: readonly Section[];
  /** The path of the section shown. */
  current: string;
  /** List items after the sections (a link to a page of the server's, say). */
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <nav className={className} aria-label={label}>
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <a {...linkTo(s.path)} aria-current={s.path === current ? "page" : undefined}>{s.label}</a>
            </li>
          ))}
          {extra}
        </ul>
      </nav>
      {children}
    </>
  );
}
