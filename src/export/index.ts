/**
 * Exports of a comparison, all DOM-free (the UI turns the strings and bytes into downloads):
 *
 *   toPyTorch(result)        "Copy as PyTorch": a runnable, commented Python script (text/x-python)
 *   toCsv(result)            the trajectories, one row per point (text/csv)
 *   toJson(result)           the CLI's JSON output (application/json)
 *   encodeGif(frames, ...)   an animated GIF from RGBA frames (image/gif)
 *   exportFileName(result, ext)   a download name, e.g. descent-rosenbrock.py
 *   plotSvg(input)           the contour plot with the racers' paths as a standalone SVG (image/svg+xml)
 */
export { toPyTorch, type PyTorchOptions } from './pytorch';
export { toCsv, toJson, CSV_HEADER, type CsvOptions } from './data';
export { encodeGif, type GifOptions } from './gif';
export { exportFileName, racerLabels } from './format';
export { plotSvg, legendHeight, raceFrameSteps, escapeXml, LIGHT_PLOT_THEME, type PlotSvgInput, type PlotRacer, type PlotTheme, type PlotLabels, type PlotLayers } from './svg';
