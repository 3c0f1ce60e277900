// @vitest-environment jsdom
/**
 * The Network view's own data box: the 2-D view's DataImport box with the network's check
 * (mlpDataFromColumns), its problems named by the CSV's row and column; good columns handed over
 * as a, b, t and turned into surface.data.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataImportBox } from '../../src/components/controls/DataImport';
import { checkNetworkColumns } from '../../src/components/network/NetworkView';
import { mlpDataFromColumns } from '../../src/engine/mlp/userdata';

afterEach(cleanup);

describe('the Network view’s own data box', () => {
  it('maps the network’s check back to rows and columns', () => {
    expect(checkNetworkColumns({ a: [0, 1], b: [0, 1], t: [0, 1] })).toBeNull();
    expect(checkNetworkColumns({ a: [0, 1, 2], b: [0, 1, 2], t: [1, 1, 1] })).toEqual({ column: 2, row: null, problem: expect.stringMatching(/both classes/) });
    expect(checkNetworkColumns({ a: [0, 2e6], b: [0, 1], t: [0, 1] })).toEqual({ column: 0, row: 1, problem: expect.any(String) });
    expect(checkNetworkColumns({ a: [0, 1], b: [0, -2e6], t: [0, 1] })).toEqual({ column: 1, row: 1, problem: expect.any(String) });
    expect(checkNetworkColumns({ x: [0], y: [1] })).toEqual({ column: null, row: null, problem: expect.stringMatching(/a, b and t/) });
  });

  it('names the problem by the CSV’s row and column, and hands good columns over', () => {
    const onUse = vi.fn();
    render(<DataImportBox surface="logreg" current={undefined} onUse={onUse} onClear={() => {}} check={checkNetworkColumns} linkNote={() => null} />);
    fireEvent.click(screen.getByText('Your own data'));
    const box = screen.getByLabelText('Paste CSV');
    const use = screen.getByRole('button', { name: 'Race this data' });
    // One class only: the network cannot learn a boundary (logreg's own check lets it through).
    fireEvent.change(box, { target: { value: 'x1,x2,label\n0.1,0.2,1\n0.3,0.4,1\n0.5,0.6,1\n' } });
    expect(screen.getByRole('alert')).toHaveTextContent(/^column "label": every label is 1: the data needs points of both classes/);
    expect(use).toBeDisabled();
    // Good rows are ready; a bad cell is named by the file's row (the header is row 1) and column.
    fireEvent.change(box, { target: { value: 'a,b,t\n0.1,0.2,0\n0.3,0.4,1\n' } });
    expect(use).toBeEnabled();
    fireEvent.change(box, { target: { value: 'a,b,t\n0.1,0.2,0\n0.3,x,1\n' } });
    expect(screen.getByRole('alert')).toHaveTextContent('row 3, column "b": "x" is not a number');
    fireEvent.change(box, { target: { value: 'a,b,t\n0.1,0.2,0\n-0.3,0.4,1\n0.5,0.6,1\n' } });
    fireEvent.click(use);
    expect(onUse).toHaveBeenCalledWith({ a: [0.1, -0.3, 0.5], b: [0.2, 0.4, 0.6], t: [0, 1, 1] });
    const d = onUse.mock.calls[0][0] as { a: number[]; b: number[]; t: number[] };
    expect(mlpDataFromColumns(d.a, d.b, d.t)).toEqual({ x: [[0.1, 0.2], [-0.3, 0.4], [0.5, 0.6]], t: [0, 1, 1] });
  });

  it('shows the data in use, with the link note the view gives, and goes back to the built-in data', () => {
    const onClear = vi.fn();
    render(<DataImportBox surface="logreg" current={{ a: [0, 1], b: [1, 0], t: [0, 1] }} onUse={() => {}} onClear={onClear} check={checkNetworkColumns} linkNote={() => 'NOTE'} />);
    expect(screen.getByText(/Racing your data: 2 rows\. NOTE/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Back to the built-in data' }));
    expect(onClear).toHaveBeenCalledTimes(1);
  });
});
