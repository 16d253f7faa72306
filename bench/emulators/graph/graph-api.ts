// Microsoft Graph v1.0 directory endpoints a reader of groups and app assignments uses, with
// Graph's paging, $select, $filter (equality), @odata.context and error bodies.
import { randomUUID } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse, Router } from "../common/server";
import { DirectoryView, isSelectableProperty, toWire, type DirectoryEntry, type DirectoryObjectKind } from "./directory";
import { graphError, graphJsonContentType } from "./errors";
import { contextFragment, directoryStringEquals, ODataQueryError, pageSize, parseEqualityFilter, parseSelect, unsupportedQueryOption } from "./odata";
import { PageTokens, queryWithoutSkipToken } from "./paging";
import { DEFAULT_ACCESS_ROLE_ID, type TenantServicePrincipal, type TenantUser } from "./tenant";

export interface GraphApiContext {
  url(): string;
  /** A view of the tenant as it is now. */
  view(): DirectoryView;
  pageSizeCap(): number;
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const requestIds = new WeakMap<EmulatorRequest, string>();

/** The request-id Graph reports for this request (header and innerError agree). */
export function requestIdOf(req: EmulatorRequest): string {
  let id = requestIds.get(req);
  if (!id) {
    id = randomUUID();
    requestIds.set(req, id);
  }
  return id;
}

export function clientRequestIdOf(req: EmulatorRequest): string {
  const header = req.headers["client-request-id"];
  return (Array.isArray(header) ? header[0] : header) ?? requestIdOf(req);
}

export function graphErrorFor(
  req: EmulatorRequest,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string | number>,
): EmulatorResponse {
  return graphError(status, code, message, { requestId: requestIdOf(req), clientRequestId: clientRequestIdOf(req) }, headers);
}

const directoryObjectKinds: DirectoryObjectKind[] = ["user", "group", "device", "servicePrincipal", "orgContact"];

export function registerGraphRoutes(router: Router, ctx: GraphApiContext): void {
  const pages = new PageTokens();
  const handle = (handler: (req: EmulatorRequest, view: DirectoryView) => EmulatorResponse) => (req: EmulatorRequest) => {
    try {
      return handler(req, ctx.view());
    } catch (err) {
      if (err instanceof ODataQueryError) return graphErrorFor(req, 400, err.graphCode, err.message);
      throw err;
    }
  };
  const notFound = (req: EmulatorRequest, id: string) =>
    graphErrorFor(req, 404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  const invalidId = (req: EmulatorRequest, id: string) => graphErrorFor(req, 400, "Request_BadRequest", `Invalid object identifier '${id}'.`);

  /** Rejects unknown query options and unknown $select properties; returns the selection. */
  const selection = (req: EmulatorRequest, view: DirectoryView, kinds: DirectoryObjectKind[], supported: string[]) => {
    const unsupported = unsupportedQueryOption(req.query, supported);
    if (unsupported) throw new ODataQueryError("Request_UnsupportedQuery", `The Graph emulator does not implement the query option '${unsupported}'.`);
    const select = parseSelect(req.query.get("$select"));
    for (const name of select ?? []) {
      if (!isSelectableProperty(name, kinds, view.tenant)) throw new ODataQueryError("Request_BadRequest", `Invalid property '${name}' specified in $select.`);
    }
    return select;
  };

  const collection = (req: EmulatorRequest, context: string, items: Record<string, unknown>[]): EmulatorResponse => {
    const size = pageSize(req.query.get("$top"), ctx.pageSizeCap());
    const query = queryWithoutSkipToken(req.query);
    const requestKey = `${req.path}?${query}`;
    let offset = 0;
    const token = req.query.get("$skiptoken");
    if (token !== null) {
      const found = pages.offsetOf(token, requestKey);
      if (found === undefined) {
        return graphErrorFor(
          req,
          400,
          "Directory_ExpiredPageToken",
          "The specified page token value has expired and can no longer be included in your request.",
        );
      }
      offset = found;
    }
    const body: Record<string, unknown> = { "@odata.context": `${ctx.url()}/v1.0/$metadata#${context}` };
    if (offset + size < items.length) {
      const next = pages.issue(requestKey, offset + size);
      body["@odata.nextLink"] = `${ctx.url()}${req.path}?${query ? `${query}&` : ""}$skiptoken=${next}`;
    }
    body.value = items.slice(offset, offset + size);
    return { status: 200, body };
  };

  const entity = (context: string, object: Record<string, unknown>): EmulatorResponse => ({
    status: 200,
    body: { "@odata.context": `${ctx.url()}/v1.0/$metadata#${context}`, ...object },
  });

  const listOptions = ["$select", "$top", "$skiptoken", "$filter"];

  router.on(
    "GET",
    "/v1.0/groups",
    handle((req, view) => {
      const select = selection(req, view, ["group"], listOptions);
      let groups = view.tenant.groups;
      const filter = req.query.get("$filter");
      if (filter !== null) {
        const { property, value } = parseEqualityFilter(filter, ["displayName", "id", "mailNickname", "mail"], "Group");
        groups = groups.filter((g) => directoryStringEquals(g[property], value));
      }
      const items = groups.map((g) => toWire({ kind: "group", object: g }, select, false));
      return collection(req, contextFragment("groups", select), items);
    }),
  );

  router.on(
    "GET",
    "/v1.0/groups/:id",
    handle((req, view) => {
      const select = selection(req, view, ["group"], ["$select"]);
      const { id } = req.params;
      if (!guidPattern.test(id)) return invalidId(req, id);
      const group = view.group(id);
      if (!group) return notFound(req, id);
      return entity(contextFragment("groups", select, true), toWire({ kind: "group", object: group }, select, false));
    }),
  );

  for (const relation of ["members", "transitiveMembers"] as const) {
    router.on(
      "GET",
      `/v1.0/groups/:id/${relation}`,
      handle((req, view) => {
        const select = selection(req, view, directoryObjectKinds, ["$select", "$top", "$skiptoken"]);
        const { id } = req.params;
        if (!guidPattern.test(id)) return invalidId(req, id);
        const group = view.group(id);
        if (!group) return notFound(req, id);
        const entries = relation === "members" ? view.directMembers(group) : view.transitiveMembers(group);
        return collection(
          req,
          contextFragment("directoryObjects", select),
          entries.map((e) => toWire(e, select, true)),
        );
      }),
    );
  }

  router.on(
    "GET",
    "/v1.0/users",
    handle((req, view) => {
      const select = selection(req, view, ["user"], listOptions);
      let users: TenantUser[] = view.tenant.users;
      const filter = req.query.get("$filter");
      if (filter !== null) {
        const { property, value } = parseEqualityFilter(
          filter,
          ["id", "userPrincipalName", "mail", "displayName", "employeeId", "onPremisesSamAccountName"],
          "User",
        );
        users = users.filter((u) => directoryStringEquals(u[property], value));
      }
      return collection(
        req,
        contextFragment("users", select),
        users.map((u) => toWire({ kind: "user", object: u }, select, false)),
      );
    }),
  );

  router.on(
    "GET",
    "/v1.0/users/:id",
    handle((req, view) => {
      const select = selection(req, view, ["user"], ["$select"]);
      const { id } = req.params;
      // A user is addressed by object id or by userPrincipalName.
      const user = guidPattern.test(id)
        ? view.tenant.users.find((u) => u.id.toLowerCase() === id.toLowerCase())
        : view.tenant.users.find((u) => directoryStringEquals(u.userPrincipalName, id));
      if (!user) return notFound(req, id);
      return entity(contextFragment("users", select, true), toWire({ kind: "user", object: user }, select, false));
    }),
  );

  router.on(
    "GET",
    "/v1.0/users/:id/transitiveMemberOf",
    handle((req, view) => {
      const select = selection(req, view, ["group"], ["$select", "$top", "$skiptoken"]);
      const { id } = req.params;
      if (!guidPattern.test(id)) return invalidId(req, id);
      const entry = view.get(id);
      if (!entry || entry.kind !== "user") return notFound(req, id);
      const groups = view.transitiveMemberOf(id).map((g) => toWire({ kind: "group", object: g }, select, true));
      return collection(req, contextFragment("directoryObjects", select), groups);
    }),
  );

  router.on(
    "GET",
    "/v1.0/directoryObjects/:id",
    handle((req, view) => {
      const select = selection(req, view, directoryObjectKinds, ["$select"]);
      const { id } = req.params;
      if (!guidPattern.test(id)) return invalidId(req, id);
      const entry = view.get(id);
      if (!entry) return notFound(req, id);
      return entity(contextFragment("directoryObjects", select, true), toWire(entry, select, true));
    }),
  );

  router.on(
    "GET",
    "/v1.0/servicePrincipals",
    handle((req, view) => {
      const select = selection(req, view, ["servicePrincipal"], listOptions);
      let principals = view.tenant.servicePrincipals;
      const filter = req.query.get("$filter");
      if (filter !== null) {
        const { property, value } = parseEqualityFilter(filter, ["appId", "displayName", "id"], "ServicePrincipal");
        principals = principals.filter((sp) => directoryStringEquals(sp[property], value));
      }
      const items = principals.map((sp) => toWire({ kind: "servicePrincipal", object: sp }, select, false));
      return collection(req, contextFragment("servicePrincipals", select), items);
    }),
  );

  router.on(
    "GET",
    "/v1.0/servicePrincipals/:id",
    handle((req, view) => {
      const select = selection(req, view, ["servicePrincipal"], ["$select"]);
      const { id } = req.params;
      if (!guidPattern.test(id)) return invalidId(req, id);
      const sp = view.servicePrincipal(id);
      if (!sp) return notFound(req, id);
      return entity(contextFragment("servicePrincipals", select, true), toWire({ kind: "servicePrincipal", object: sp }, select, false));
    }),
  );

  router.on(
    "GET",
    "/v1.0/servicePrincipals/:id/appRoleAssignedTo",
    handle((req, view) => {
      const unsupported = unsupportedQueryOption(req.query, ["$top", "$skiptoken", "$select"]);
      if (unsupported) throw new ODataQueryError("Request_UnsupportedQuery", `The Graph emulator does not implement the query option '${unsupported}'.`);
      const { id } = req.params;
      if (!guidPattern.test(id)) return invalidId(req, id);
      const sp = view.servicePrincipal(id);
      if (!sp) return notFound(req, id);
      const select = parseSelect(req.query.get("$select"));
      const items = sp.appRoleAssignedTo.map((a) => project(assignmentWire(view, sp, a), select));
      return collection(req, `servicePrincipals('${sp.id}')/appRoleAssignedTo${select?.length ? `(${select.join(",")})` : ""}`, items);
    }),
  );
}

const principalTypeOf: Partial<Record<DirectoryObjectKind, string>> = { user: "User", group: "Group", servicePrincipal: "ServicePrincipal" };

function assignmentWire(view: DirectoryView, sp: TenantServicePrincipal, a: TenantServicePrincipal["appRoleAssignedTo"][number]): Record<string, unknown> {
  const principal: DirectoryEntry | undefined = view.get(a.principalId);
  return {
    id: a.id,
    deletedDateTime: null,
    appRoleId: a.appRoleId ?? DEFAULT_ACCESS_ROLE_ID,
    createdDateTime: a.createdDateTime ?? null,
    principalDisplayName: principal?.object.displayName ?? null,
    principalId: a.principalId,
    principalType: principal ? (principalTypeOf[principal.kind] ?? null) : null,
    resourceDisplayName: sp.displayName,
    resourceId: sp.id,
  };
}

function project(object: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select) return object;
  const out: Record<string, unknown> = { id: object.id };
  for (const name of select) if (name in object) out[name] = object[name];
  return out;
}

/** Headers every Graph response carries. */
export function decorateGraphResponse(req: EmulatorRequest, res: EmulatorResponse): void {
  const headers = (res.headers ??= {});
  const body = res.body as { error?: { innerError?: Record<string, string> } } | undefined;
  const requestId = body?.error?.innerError?.["request-id"] ?? requestIdOf(req);
  headers["request-id"] = requestId;
  headers["client-request-id"] = clientRequestIdOf(req);
  headers["x-ms-ags-diagnostic"] = JSON.stringify({ ServerInfo: { DataCenter: "Emulator", Slice: "E", Ring: "0", ScaleUnit: "000", RoleInstance: "EMU01" } });
  headers["Strict-Transport-Security"] = "max-age=31536000";
  if (res.status < 300 && res.body !== undefined) headers["Content-Type"] = graphJsonContentType;
  headers["OData-Version"] = "4.0";
}
