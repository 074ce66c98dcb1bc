/** @module TableHead: the header row of a Backoffice table, one column header per label. */
export function TableHead({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => <th key={label} scope="col">{label}</th>)}
      </tr>
    </thead>
  );
}
