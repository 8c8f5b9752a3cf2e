/**
 * A partnership's deliveries month by month, newest first, for the buyer's and the IKM's
 * partnership pages: each page names its columns (words and how a figure is shown), its caption,
 * its words for no deliveries, and the table's class (its area's look). The table scrolls sideways
 * on a narrow screen and is focusable, so a keyboard can scroll it too. Rows carry `data-month`
 * (YYYY-MM), cells their column's `data-field`.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { monthName } from "./month";
import "./DeliveryTable.css";

/** The figures of one month, as the API answers a partnership's `deliveries`. */
export interface DeliveryRow {
  month: string;
  qtyDelivered: number;
  qtyRejected: number;
  lotsDelivered: number;
  lotsOnTime: number;
}

export interface DeliveryColumn<Row extends DeliveryRow> {
  /** The cell's `data-field`. */
  field: string;
  header: string;
  cell: (row: Row) => ReactNode;
}

interface Props<Row extends DeliveryRow> {
  /** Unique on the page (the partnership's id): the caption's id is made from it. */
  id: string;
  deliveries: readonly Row[];
  caption: string;
  monthHeader: string;
  columns: readonly DeliveryColumn<Row>[];
  /** Shown instead of the table when there is no month on record. */
  empty: ReactNode;
  className: string;
}

export function DeliveryTable<Row extends DeliveryRow>({ id, deliveries, caption, monthHeader, columns, empty, className }: Props<Row>) {
  const { i18n } = useTranslation();
  if (!deliveries.length) return <>{empty}</>;
  const rows = [...deliveries].sort((a, b) => b.month.localeCompare(a.month));
  const captionId = `deliveries-${id}`;
  return (
    <div className="delivery-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className={className}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{monthHeader}</th>
            {columns.map((c) => <th scope="col" key={c.field}>{c.header}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.month} data-month={d.month.slice(0, 7)}>
              <th scope="row">{monthName(d.month, i18n.language)}</th>
              {columns.map((c) => <td key={c.field} data-field={c.field}>{c.cell(d)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
