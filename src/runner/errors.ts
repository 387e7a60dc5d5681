import { ResponseError } from 'vscode-jsonrpc';
import { RunnerErrorCode } from '../protocol';

/** Error codes of the runner, with a message a user can act on. */
export function runnerError(code: number, message: string): ResponseError<void> {
  return new ResponseError(code, message);
}

/** JSON-RPC's code for a request cancelled before it produced anything. */
export const REQUEST_CANCELLED = -32800;

/** Turn whatever transformers.js / onnxruntime threw while loading into a clear error. */
export function loadFailure(model: string, file: string | undefined, err: unknown): ResponseError<void> {
  if (err instanceof ResponseError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  if (/protobuf|invalid model|load model|ONNX|onnxruntime/i.test(detail)) {
    return runnerError(
      RunnerErrorCode.ModelCorrupt,
      `Model "${model}" could not be loaded: ${file ?? 'an ONNX file'} is corrupt or not a valid ONNX model. Delete it and download it again. (${firstLine(detail)})`,
    );
  }
  if (/JSON|Unexpected token|Unexpected end/i.test(detail)) {
    return runnerError(RunnerErrorCode.ModelCorrupt, `Model "${model}" has a corrupt configuration file: ${firstLine(detail)}`);
  }
  return runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" could not be loaded: ${firstLine(detail)}`);
}

export function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
