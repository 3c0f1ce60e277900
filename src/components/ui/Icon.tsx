/** Small inline SVG icons (no icon font: every glyph renders on every system). */
const PATHS = {
  play: 'M5 3.5v13l11-6.5z',
  pause: 'M5 3.5h3.5v13H5zM11.5 3.5H15v13h-3.5z',
  step: 'M4 3.5v13l9-6.5zM14 3.5h2.5v13H14z',
  reset: 'M10 3.5a6.5 6.5 0 1 1-6.2 4.6l1.9.6A4.5 4.5 0 1 0 10 5.5V8L6 4.5 10 1z',
  plus: 'M9 3.5h2v5.5h5.5v2H11v5.5H9V11H3.5V9H9z',
  copy: 'M7 2.5h9.5V13H14V5H7zM3.5 6H13v11.5H3.5zm2 2v7.5H11V8z',
  close: 'M5 3.6 10 8.6l5-5 1.4 1.4-5 5 5 5-1.4 1.4-5-5-5 5L3.6 15l5-5-5-5z',
  sun: 'M10 6a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM9 1h2v3H9zM9 16h2v3H9zM1 9h3v2H1zM16 9h3v2h-3zM3.3 4.7l1.4-1.4 2.1 2.1-1.4 1.4zM13.2 14.6l1.4-1.4 2.1 2.1-1.4 1.4zM3.3 15.3l2.1-2.1 1.4 1.4-2.1 2.1zM13.2 5.4l2.1-2.1 1.4 1.4-2.1 2.1z',
  moon: 'M12.5 2.5a7.5 7.5 0 1 0 5 12.2A6.5 6.5 0 0 1 12.5 2.5z',
  share:
    'M17.5 4a2.5 2.5 0 1 1-5 0 2.5 2.5 0 1 1 5 0zM7.5 10a2.5 2.5 0 1 1-5 0 2.5 2.5 0 1 1 5 0zM17.5 16a2.5 2.5 0 1 1-5 0 2.5 2.5 0 1 1 5 0zM6.82 7.97l5.54-3.32.82 1.38-5.54 3.32zM7.64 10.65l5.54 3.32-.82 1.38-5.54-3.32z',
  download: 'M9 2h2v8.2l3.1-3.1 1.4 1.4L10 14 4.5 8.5l1.4-1.4L9 10.2zM3 15h2v1.5h10V15h2v3.5H3z',
  gallery: 'M3 3h6v6H3zM11 3h6v6h-6zM3 11h6v6H3zM11 11h6v6h-6z',
  present: 'M2 3h16v10H2zm2 2v6h12V5zM9 13h2v3h3v1.5H6V16h3z',
  panel: 'M2 3h16v14H2zm2 2v10h7V5zm9 0v10h3V5z',
  chart: 'M2 2h2v14h14v2H2zM5.5 12.6l3.6-4.2 3 2.4 4.6-6.1 1.6 1.2-5.8 7.7-3-2.4-2.5 2.9z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
