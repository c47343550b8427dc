/** The attributes a provider sent, as a table: name, then its values (left to right: they are data). */
import { useTranslation } from 'react-i18next';

/** Props of {@link AttributeTable}. */
export interface AttributeTableProps {
  caption: string;
  attributes: { name: string; values: string[] }[];
}

/** A captioned table of attribute names and values. */
export function AttributeTable({ caption, attributes }: AttributeTableProps) {
  const { t } = useTranslation();
  return (
    <table className="admin-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.idp.attribute')}</th>
          <th scope="col">{t('admin.idp.values')}</th>
        </tr>
      </thead>
      <tbody>
        {attributes.map((a) => (
          <tr key={a.name}>
            <th scope="row" dir="ltr">
              <code>{a.name}</code>
            </th>
            <td dir="ltr">{a.values.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
