// Types of the contract extracted from the vendor's OpenAPI spec (contract.generated.ts): the
// subset of JSON Schema the spec uses for fields, query parameters and request bodies.

export interface FieldSchema {
  type?: "integer" | "number" | "string" | "boolean" | "array" | "object";
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: readonly (string | number)[];
  nullable?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  default?: unknown;
  pattern?: string;
  items?: FieldSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, FieldSchema>;
  required?: readonly string[];
}

export type OperationBody = null | { schema: string } | { oneOf: true } | FieldSchema;

export interface ContractOperation {
  operationId: string | null;
  pathParams: Record<string, FieldSchema>;
  query: Record<string, FieldSchema>;
  body: OperationBody;
  responses: string[];
}

export interface PraContract {
  /** Which product's spec: PRA's, or Remote Support's (the same API, other fields and routes). */
  product: "PRA" | "Remote Support";
  version: string;
  schemas: Record<string, FieldSchema>;
  /** Keyed by "METHOD /path/{param}" exactly as the spec writes the path. */
  operations: Record<string, ContractOperation>;
}
