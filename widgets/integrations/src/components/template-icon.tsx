/** @module TemplateIcon: a template's icon (an image URL or data URI), or its initial on a tile. */
export function TemplateIcon({ icon, name }: { icon?: string | undefined; name: string }) {
  // Only images: any other scheme (javascript:, …) is shown as the initial instead.
  if (icon && /^(https?:\/\/|data:image\/(png|svg\+xml|jpeg|gif|webp);)/i.test(icon)) {
    return <img className="weft-int__icon" src={icon} alt="" width={40} height={40} />;
  }
  return <span className="weft-int__icon weft-int__icon--initial" aria-hidden="true">{(name.trim()[0] ?? '?').toUpperCase()}</span>;
}
