// @vitest-environment jsdom
/** Your own data in the page (issue 16): paste CSV, see errors by row and column, race it, go back. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setSurface } from '../../src/state/store';
import { sceneFromFile, sceneToFile } from '../../src/state/scene-file';
import { renderApp, state, teardown } from './harness';

afterEach(teardown);

describe('DataImport', () => {
  it('is offered on linreg and logreg only', async () => {
    renderApp();
    expect(screen.queryByText('Your own data')).toBeNull();
    act(() => setSurface('linreg'));
    // The box loads lazily (its chunk is fetched once a surface that takes data is picked).
    expect(await screen.findByText('Your own data', undefined, { timeout: 5000 })).toBeInTheDocument();
    act(() => setSurface('tinynet'));
    expect(screen.queryByText('Your own data')).toBeNull();
  });

  it('names a bad cell by row and column, races good data with a full batch, and goes back to the shipped set', async () => {
    const h = renderApp();
    act(() => setSurface('linreg'));
    const box = await screen.findByLabelText('Paste CSV', undefined, { timeout: 5000 });
    fireEvent.change(box, { target: { value: 'x,y\n1,2\n2,oops\n3,7\n' } });
    expect(screen.getByRole('alert')).toHaveTextContent('row 3, column "y": "oops" is not a number');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    const use = screen.getByRole('button', { name: 'Race this data' });
    expect(use).toBeDisabled();

    fireEvent.change(box, { target: { value: 'weight,x,y\n9,1,2\n9,2,4.5\n9,3,5.5\n9,4,8\n' } });
    // The header names x and y: those columns are picked, whatever their place.
    expect(screen.getByLabelText('Column for x')).toHaveValue('1');
    expect(screen.getByLabelText('Column for y')).toHaveValue('2');
    expect(screen.getByText('4 rows ready.')).toBeInTheDocument();
    fireEvent.click(use);
    expect(state().scene.data).toEqual({ x: [1, 2, 3, 4], y: [2, 4.5, 5.5, 8] });
    expect(state().scene.batchSize).toBe(4);
    await waitFor(() => expect(h.lastConfig().surface.data).toEqual({ x: [1, 2, 3, 4], y: [2, 4.5, 5.5, 8] }));
    expect(screen.getByText(/Racing your data: 4 rows\. The share link carries it\./)).toBeInTheDocument();

    // Picking the same column twice is named.
    fireEvent.change(screen.getByLabelText('Column for y'), { target: { value: '1' } });
    expect(screen.getByRole('alert')).toHaveTextContent('the column "x" is picked for both x and y');
    fireEvent.change(screen.getByLabelText('Column for y'), { target: { value: '2' } });

    // A scene file keeps the data.
    expect(sceneFromFile(sceneToFile(state())).scene.data).toEqual({ x: [1, 2, 3, 4], y: [2, 4.5, 5.5, 8] });

    fireEvent.click(screen.getByRole('button', { name: 'Back to the built-in data' }));
    expect(state().scene.data).toBeUndefined();
    expect(state().scene.batchSize).toBe(64);
    await waitFor(() => expect(h.lastConfig().surface.data).toBeUndefined());
  });
});
