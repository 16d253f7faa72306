// Generated from the vendor's pra-configuration.openapi.yaml by bench/emulators/pra/spec/extract-contract.ts.
// Do not edit by hand: regenerate when the vendor spec changes. Routes outside the families the
// emulator serves carry only their operationId (they are answered 501).
import type { PraContract } from "./contract";

export const praContract: PraContract = {
  product: "PRA",
  version: "1.10",
  schemas: {
    "GroupPolicy": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "name": {
          "type": "string",
          "maxLength": 255,
          "minLength": 1
        },
        "perm_access_allowed": {
          "type": "boolean",
          "default": false
        },
        "access_perm_status": {
          "type": "string",
          "default": "not_defined",
          "enum": [
            "not_defined",
            "defined",
            "final"
          ]
        },
        "perm_share_other_team": {
          "type": "boolean",
          "default": false
        },
        "perm_invite_external_user": {
          "type": "boolean",
          "default": false
        },
        "perm_session_idle_timeout": {
          "type": "integer",
          "format": "int32",
          "default": -1,
          "minimum": -1,
          "maximum": 86400
        },
        "perm_extended_availability_mode_allowed": {
          "type": "boolean",
          "default": false
        },
        "perm_edit_external_key": {
          "type": "boolean",
          "default": false
        },
        "perm_collaborate": {
          "type": "boolean",
          "default": false
        },
        "perm_collaborate_control": {
          "type": "boolean",
          "default": false
        },
        "perm_jump_client": {
          "type": "boolean",
          "default": false
        },
        "perm_local_jump": {
          "type": "boolean",
          "default": false
        },
        "perm_remote_jump": {
          "type": "boolean",
          "default": false
        },
        "perm_remote_vnc": {
          "type": "boolean",
          "default": false
        },
        "perm_remote_rdp": {
          "type": "boolean",
          "default": false
        },
        "perm_shell_jump": {
          "type": "boolean",
          "default": false
        },
        "perm_web_jump": {
          "type": "boolean",
          "default": false
        },
        "perm_protocol_tunnel": {
          "type": "boolean",
          "default": false
        },
        "perm_sd_static_port_for_external_tools": {
          "type": "boolean",
          "default": false
        },
        "default_jump_item_role_id": {
          "type": "integer",
          "format": "int32",
          "default": 1,
          "minimum": 1,
          "maximum": 2147483647
        },
        "private_jump_item_role_id": {
          "type": "integer",
          "format": "int32",
          "default": 1,
          "minimum": 1,
          "maximum": 2147483647
        },
        "inferior_jump_item_role_id": {
          "type": "integer",
          "format": "int32",
          "default": 1,
          "minimum": 1,
          "maximum": 2147483647
        },
        "unassigned_jump_item_role_id": {
          "type": "integer",
          "format": "int32",
          "default": 1,
          "minimum": 1,
          "maximum": 2147483647
        }
      },
      "required": [
        "name"
      ]
    },
    "GroupPolicyMember": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "security_provider_id": {
          "type": "integer",
          "minimum": 1,
          "maximum": 2147483647
        },
        "distinguished_name": {
          "type": "string",
          "minimum": 1,
          "maximum": 1024
        },
        "group_name": {
          "type": "string",
          "minimum": 1,
          "maximum": 64
        },
        "user_id": {
          "type": "integer",
          "minimum": 1,
          "maximum": 2147483647
        }
      }
    },
    "GroupPolicyJumpGroup": {
      "type": "object",
      "properties": {
        "jump_group_id": {
          "type": "integer",
          "minimum": 1,
          "maximum": 2147483647
        },
        "jump_item_role_id": {
          "type": "integer",
          "minimum": 0,
          "maximum": 2147483647
        },
        "jump_policy_id": {
          "type": "integer",
          "minimum": 0,
          "maximum": 2147483647
        }
      }
    },
    "JumpGroup": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "name": {
          "type": "string",
          "maxLength": 255,
          "minLength": 1
        },
        "code_name": {
          "type": "string",
          "maxLength": 64,
          "minLength": 0,
          "pattern": "^[a-zA-Z0-9_\\\\-]+$"
        },
        "comments": {
          "type": "string",
          "minLength": 0,
          "maxLength": 4096,
          "nullable": true
        },
        "ecm_group_id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647
        }
      },
      "required": [
        "name"
      ]
    },
    "JumpItemRole": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "name": {
          "type": "string",
          "maxLength": 255,
          "minLength": 1
        },
        "description": {
          "type": "string",
          "maxLength": 4096
        },
        "perm_add": {
          "type": "boolean",
          "default": false
        },
        "perm_assign_jump_group": {
          "type": "boolean",
          "default": false
        },
        "perm_remove": {
          "type": "boolean",
          "default": false
        },
        "perm_start": {
          "type": "boolean",
          "default": false
        },
        "perm_edit_tag": {
          "type": "boolean",
          "default": false
        },
        "perm_edit_comments": {
          "type": "boolean",
          "default": false
        },
        "perm_edit_jump_policy": {
          "type": "boolean",
          "default": false
        },
        "perm_edit_session_policy": {
          "type": "boolean",
          "default": false
        },
        "perm_edit_identity": {
          "type": "boolean",
          "default": false
        },
        "perm_edit_behavior": {
          "type": "boolean",
          "default": false
        },
        "perm_view_jump_item_report": {
          "type": "boolean",
          "default": false
        }
      }
    },
    "JumpPolicy": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "display_name": {
          "type": "string",
          "maxLength": 255,
          "minLength": 1
        },
        "code_name": {
          "type": "string",
          "maxLength": 64,
          "minLength": 0,
          "pattern": "^[a-zA-Z0-9_\\\\-]+$"
        },
        "description": {
          "type": "string",
          "maxLength": 1000
        },
        "schedule_enabled": {
          "type": "boolean",
          "default": true
        },
        "simultaneous_jumps": {
          "type": "string",
          "default": "global",
          "enum": [
            "global",
            "join",
            "disallow"
          ]
        },
        "simultaneous_jump_behavior_applies_to_copies": {
          "type": "boolean",
          "default": false
        },
        "simultaneous_jumps_rdp": {
          "type": "string",
          "default": "global",
          "enum": [
            "global",
            "new_session",
            "disallow"
          ]
        },
        "external_tools_rdp_allowed": {
          "type": "boolean",
          "default": true
        },
        "external_tools_shell_allowed": {
          "type": "boolean",
          "default": true
        },
        "schedule_strict": {
          "type": "boolean",
          "default": false
        },
        "ticket_id_required": {
          "type": "boolean",
          "default": false
        },
        "two_factor_challenge_required": {
          "type": "boolean",
          "default": false
        },
        "session_start_notification": {
          "type": "boolean",
          "default": false
        },
        "session_end_notification": {
          "type": "boolean",
          "default": false
        },
        "notification_email_addresses": {
          "type": "array",
          "default": [],
          "minItems": 0,
          "maxItems": 100,
          "items": {
            "type": "string"
          }
        },
        "notification_display_name": {
          "type": "string",
          "maxLength": 255
        },
        "notification_email_language": {
          "type": "string",
          "default": "en-us"
        },
        "approval_required": {
          "type": "boolean",
          "default": false
        },
        "approval_max_duration": {
          "type": "integer",
          "format": "int32",
          "default": 480,
          "minimum": 1,
          "maximum": 524160
        },
        "approval_scope": {
          "type": "string",
          "default": "requestor",
          "enum": [
            "requestor",
            "anyone"
          ]
        },
        "approval_email_addresses": {
          "type": "array",
          "default": [],
          "minItems": 0,
          "maxItems": 100,
          "items": {
            "type": "string"
          }
        },
        "approval_user_ids": {
          "type": "array",
          "default": [],
          "minItems": 0,
          "maxItems": 100,
          "items": {
            "type": "string"
          }
        },
        "approval_team_ids": {
          "type": "array",
          "default": [],
          "minItems": 0,
          "maxItems": 100,
          "items": {
            "type": "string"
          }
        },
        "approval_display_name": {
          "type": "string",
          "maxLength": 255
        },
        "approval_email_language": {
          "type": "string",
          "default": "en-us"
        },
        "approval_approver_scope": {
          "type": "string",
          "default": "not_requestor",
          "enum": [
            "not_requestor",
            "anyone"
          ]
        },
        "recordings_disabled": {
          "type": "boolean",
          "default": false
        }
      },
      "required": [
        "display_name"
      ]
    },
    "User": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "security_provider_id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "username": {
          "type": "string",
          "maxLength": 64,
          "minLength": 1
        },
        "password": {
          "type": "string",
          "format": "password",
          "maxLength": 256,
          "writeOnly": true
        },
        "public_display_name": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "password_expiration": {
          "type": "string",
          "format": "date-time",
          "nullable": true
        },
        "email_address": {
          "type": "string",
          "minLength": 3,
          "maxLength": 255
        },
        "preferred_email_language": {
          "type": "string",
          "default": "en-us",
          "maxLength": 10,
          "minLength": 2
        },
        "two_factor_required": {
          "type": "boolean",
          "default": false
        },
        "enabled": {
          "type": "boolean",
          "default": true
        },
        "last_authentication": {
          "type": "string",
          "format": "date-time",
          "readOnly": true
        },
        "failed_logins": {
          "type": "integer",
          "format": "int32",
          "default": 0
        },
        "password_reset_next_login": {
          "type": "boolean",
          "default": false
        },
        "created_at": {
          "type": "string",
          "format": "date-time",
          "readOnly": true
        },
        "two_factor_enabled": {
          "type": "boolean",
          "readOnly": true
        },
        "fido2_credential_count": {
          "type": "integer",
          "format": "int32",
          "readOnly": true
        },
        "fido2_last_used_date": {
          "type": "string",
          "format": "date-time",
          "readOnly": true
        },
        "perm_admin": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_set_passwords": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_admin_pushagents": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_view_support_reports": {
          "type": "string",
          "enum": [
            "not_allowed",
            "user_sessions",
            "all_sessions",
            "team_sessions",
            "jump_group_sessions"
          ],
          "readOnly": true
        },
        "perm_view_vault_reports": {
          "type": "string",
          "enum": [
            "not_allowed",
            "view_user_events",
            "view_all_events"
          ],
          "readOnly": true
        },
        "perm_view_syslog_reports": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_view_sd_recordings": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_edit_jump_groups": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_edit_sd_teams": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_edit_canned_scripts": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_edit_custom_rep_links": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_access_allowed": {
          "type": "string",
          "enum": [
            "not_allowed",
            "full_support"
          ],
          "readOnly": true
        },
        "perm_share_other_team": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_invite_external_user": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_extended_availability_mode_allowed": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_edit_external_key": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_session_idle_timeout": {
          "type": "integer",
          "format": "int32",
          "default": -1,
          "minimum": -1,
          "maximum": 86400,
          "readOnly": true
        },
        "perm_collaborate": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_collaborate_control": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_jump_client": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_local_jump": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_remote_jump": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_remote_vnc": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_remote_rdp": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_shell_jump": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "default_jump_item_role_id": {
          "type": "integer",
          "format": "int32",
          "default": 1,
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "private_jump_item_role_id": {
          "type": "integer",
          "format": "int32",
          "default": 1,
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "inferior_jump_item_role_id": {
          "type": "integer",
          "format": "int32",
          "default": 1,
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "unassigned_jump_item_role_id": {
          "type": "integer",
          "format": "int32",
          "default": 1,
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "perm_web_jump": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_protocol_tunnel": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_sd_static_port_for_external_tools": {
          "type": "boolean",
          "default": false,
          "readOnly": true
        },
        "perm_vault": {
          "type": "boolean",
          "readOnly": true
        },
        "perm_endpoint_automation": {
          "type": "string",
          "default": "not_allowed",
          "enum": [
            "not_allowed",
            "user",
            "administrator"
          ],
          "readOnly": true
        }
      },
      "required": [
        "public_display_name"
      ]
    },
    "SecurityProvider": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "type": {
          "type": "string",
          "readOnly": true,
          "enum": [
            "local",
            "ldap",
            "radius",
            "kerberos",
            "saml",
            "scim"
          ]
        },
        "name": {
          "type": "string",
          "readOnly": true,
          "maxLength": 255,
          "minLength": 1
        },
        "enabled": {
          "readOnly": true,
          "type": "boolean"
        },
        "user_authentication": {
          "readOnly": true,
          "type": "boolean"
        },
        "group_lookup": {
          "readOnly": true,
          "type": "boolean"
        }
      }
    },
    "LocalSecurityProvider": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "type": {
          "type": "string",
          "readOnly": true,
          "enum": [
            "local",
            "ldap",
            "radius",
            "kerberos",
            "saml",
            "scim"
          ]
        },
        "name": {
          "type": "string",
          "readOnly": true,
          "maxLength": 255,
          "minLength": 1
        },
        "enabled": {
          "readOnly": true,
          "type": "boolean"
        },
        "user_authentication": {
          "readOnly": true,
          "type": "boolean"
        },
        "group_lookup": {
          "readOnly": true,
          "type": "boolean"
        },
        "priority": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2147483647,
          "readOnly": true
        },
        "default_policy": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2147483647,
          "readOnly": true
        }
      },
      "required": []
    },
    "SCIMSecurityProvider": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "type": {
          "type": "string",
          "readOnly": true,
          "enum": [
            "local",
            "ldap",
            "radius",
            "kerberos",
            "saml",
            "scim"
          ]
        },
        "name": {
          "type": "string",
          "readOnly": true,
          "maxLength": 255,
          "minLength": 1
        },
        "enabled": {
          "readOnly": true,
          "type": "boolean"
        },
        "user_authentication": {
          "readOnly": true,
          "type": "boolean"
        },
        "group_lookup": {
          "readOnly": true,
          "type": "boolean"
        },
        "priority": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2147483647,
          "readOnly": true
        },
        "default_policy": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2147483647,
          "readOnly": true
        },
        "unique_id_attribute_name": {
          "type": "string",
          "readOnly": true
        },
        "display_name": {
          "type": "string",
          "readOnly": true
        },
        "email": {
          "type": "string",
          "readOnly": true
        },
        "user_name": {
          "type": "string",
          "readOnly": true
        },
        "scim_user_query_id": {
          "type": "string",
          "readOnly": true,
          "enum": [
            "id",
            "externalId",
            "userName"
          ]
        },
        "scim_group_query_id": {
          "type": "string",
          "readOnly": true,
          "enum": [
            "id",
            "externalId",
            "displayName"
          ]
        }
      },
      "required": []
    },
    "SAMLSecurityProvider": {
      "type": "object",
      "properties": {
        "id": {
          "type": "integer",
          "format": "int32",
          "minimum": 1,
          "maximum": 2147483647,
          "readOnly": true
        },
        "type": {
          "type": "string",
          "readOnly": true,
          "enum": [
            "local",
            "ldap",
            "radius",
            "kerberos",
            "saml",
            "scim"
          ]
        },
        "name": {
          "type": "string",
          "readOnly": true,
          "maxLength": 255,
          "minLength": 1
        },
        "enabled": {
          "readOnly": true,
          "type": "boolean"
        },
        "user_authentication": {
          "readOnly": true,
          "type": "boolean"
        },
        "group_lookup": {
          "readOnly": true,
          "type": "boolean"
        },
        "priority": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2147483647,
          "readOnly": true
        },
        "default_policy": {
          "type": "integer",
          "format": "int32",
          "minimum": 0,
          "maximum": 2147483647,
          "readOnly": true
        },
        "group_lookup_attribute_name": {
          "type": "string",
          "readOnly": true
        },
        "available_groups": {
          "type": "array",
          "minItems": 0,
          "items": {
            "type": "string"
          },
          "readOnly": false
        },
        "display_name": {
          "type": "string",
          "readOnly": true
        },
        "email": {
          "type": "string",
          "readOnly": true
        },
        "user_name": {
          "type": "string",
          "readOnly": true
        },
        "login_url": {
          "type": "string",
          "readOnly": true
        },
        "force_signed_request": {
          "type": "boolean",
          "readOnly": true
        },
        "sp_entity_id": {
          "type": "string",
          "readOnly": true
        },
        "entity_id": {
          "type": "string",
          "readOnly": true
        },
        "group_delimiter": {
          "type": "string",
          "readOnly": true
        },
        "case_insensitive_name_ids": {
          "type": "boolean",
          "readOnly": true
        },
        "sso_url_protocol_binding": {
          "readOnly": true,
          "type": "string",
          "enum": [
            "HTTP Redirect",
            "HTTP POST"
          ]
        },
        "sync_display_name": {
          "type": "boolean",
          "readOnly": true
        }
      },
      "required": []
    }
  },
  operations: {
    "GET /jump-client": {"operationId":"api.config.jump-client.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-client/{id}": {"operationId":"api.config.jump-client.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jump-client/{id}": {"operationId":"api.config.jump-client.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-client/{id}": {"operationId":"api.config.jump-client.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-client/{id}/copy": {"operationId":"api.config.jump-client.copy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-client/installer": {"operationId":"api.config.jump-client.installer.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-client/installer": {"operationId":"api.config.jump-client.create-installer","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-client/installer/{id}": {"operationId":"api.config.jump-client.installer.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-client/installer/{id}": {"operationId":"api.config.jump-client.installer.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-client/installer/{installer_id}/{platform}": {"operationId":"api.config.jump-client.download","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item-role": {"operationId":"api.config.jump-item-role.index","pathParams":{},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1},"name":{"type":"string","maxLength":255,"minLength":1}},"body":null,"responses":["200"]},
    "GET /jump-item-role/{id}": {"operationId":"api.config.jump-item-role.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404","422"]},
    "GET /jump-item/remote-rdp": {"operationId":"api.config.jump-item.remote-rdp.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/remote-rdp": {"operationId":"api.config.jump-item.remote-rdp.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/remote-rdp/{id}": {"operationId":"api.config.jump-item.remote-rdp.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jump-item/remote-rdp/{id}": {"operationId":"api.config.jump-item.remote-rdp.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-item/remote-rdp/{id}": {"operationId":"api.config.jump-item.remote-rdp.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/remote-rdp/{id}/copy": {"operationId":"api.config.jump-item.remote-rdp.copy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/shell-jump": {"operationId":"api.config.jump-item.shell-jump.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/shell-jump": {"operationId":"api.config.jump-item.shell-jump.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/shell-jump/{id}": {"operationId":"api.config.jump-item.shell-jump.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jump-item/shell-jump/{id}": {"operationId":"api.config.jump-item.shell-jump.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-item/shell-jump/{id}": {"operationId":"api.config.jump-item.shell-jump.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/shell-jump/{id}/copy": {"operationId":"api.config.jump-item.shell-jump.copy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/remote-vnc": {"operationId":"api.config.jump-item.remote-vnc.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/remote-vnc": {"operationId":"api.config.jump-item.remote-vnc.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/remote-vnc/{id}": {"operationId":"api.config.jump-item.remote-vnc.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jump-item/remote-vnc/{id}": {"operationId":"api.config.jump-item.remote-vnc.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-item/remote-vnc/{id}": {"operationId":"api.config.jump-item.remote-vnc.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/remote-vnc/{id}/copy": {"operationId":"api.config.jump-item.remote-vnc.copy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/psql-tunnel-jump": {"operationId":"api.config.jump-item.psql-tunnel-jump.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/psql-tunnel-jump": {"operationId":"api.config.jump-item.psql-tunnel-jump.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/psql-tunnel-jump/{id}": {"operationId":"api.config.jump-item.psql-tunnel-jump.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jump-item/psql-tunnel-jump/{id}": {"operationId":"api.config.jump-item.psql-tunnel-jump.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-item/psql-tunnel-jump/{id}": {"operationId":"api.config.jump-item.psql-tunnel-jump.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/psql-tunnel-jump/{id}/copy": {"operationId":"api.config.jump-item.psql-tunnel-jump.copy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/mysql-tunnel-jump": {"operationId":"api.config.jump-item.mysql-tunnel-jump.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/mysql-tunnel-jump": {"operationId":"api.config.jump-item.mysql-tunnel-jump.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/mysql-tunnel-jump/{id}": {"operationId":"api.config.jump-item.mysql-tunnel-jump.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jump-item/mysql-tunnel-jump/{id}": {"operationId":"api.config.jump-item.mysql-tunnel-jump.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-item/mysql-tunnel-jump/{id}": {"operationId":"api.config.jump-item.mysql-tunnel-jump.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/mysql-tunnel-jump/{id}/copy": {"operationId":"api.config.jump-item.mysql-tunnel-jump.copy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/web-jump": {"operationId":"api.config.jump-item.web-jump.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/web-jump": {"operationId":"api.config.jump-item.web-jump.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/web-jump/{id}": {"operationId":"api.config.jump-item.web-jump.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-item/web-jump/{id}": {"operationId":"api.config.jump-item.web-jump.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jump-item/web-jump/{id}": {"operationId":"api.config.jump-item.web-jump.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/web-jump/{id}/copy": {"operationId":"api.config.jump-item.web-jump.copy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/protocol-tunnel-jump": {"operationId":"api.config.jump-item.protocol-tunnel-jump.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/protocol-tunnel-jump": {"operationId":"api.config.jump-item.protocol-tunnel-jump.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/protocol-tunnel-jump/{id}": {"operationId":"api.config.jump-item.protocol-tunnel-jump.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jump-item/protocol-tunnel-jump/{id}": {"operationId":"api.config.jump-item.protocol-tunnel-jump.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-item/protocol-tunnel-jump/{id}": {"operationId":"api.config.jump-item.protocol-tunnel-jump.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/protocol-tunnel-jump/{id}/copy": {"operationId":"api.config.jump-item.protocol-tunnel-jump.copy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/network-tunnel-jump": {"operationId":"api.config.jump-item.network-tunnel-jump.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/network-tunnel-jump": {"operationId":"api.config.jump-item.network-tunnel-jump.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-item/network-tunnel-jump/{id}": {"operationId":"api.config.jump-item.network-tunnel-jump.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jump-item/network-tunnel-jump/{id}": {"operationId":"api.config.jump-item.network-tunnel-jump.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jump-item/network-tunnel-jump/{id}": {"operationId":"api.config.jump-item.network-tunnel-jump.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-item/network-tunnel-jump/{id}/copy": {"operationId":"api.config.jump-item.network-tunnel-jump.copy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-group": {"operationId":"api.config.jump-group.index","pathParams":{},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1},"name":{"type":"string","maxLength":255,"minLength":1},"code_name":{"type":"string","maxLength":64,"minLength":0,"pattern":"^[a-zA-Z0-9_\\\\-]+$"}},"body":null,"responses":["200"]},
    "POST /jump-group": {"operationId":"api.config.jump-group.store","pathParams":{},"query":{},"body":{"schema":"JumpGroup"},"responses":["201","422"]},
    "GET /jump-group/{id}": {"operationId":"api.config.jump-group.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404","422"]},
    "PATCH /jump-group/{id}": {"operationId":"api.config.jump-group.update","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"schema":"JumpGroup"},"responses":["200","404","422"]},
    "DELETE /jump-group/{id}": {"operationId":"api.config.jump-group.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204","404","422"]},
    "GET /jump-group/{id}/user": {"operationId":"api.config.jump-group.user.index","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1}},"body":null,"responses":["200","404","422"]},
    "POST /jump-group/{id}/user": {"operationId":"api.config.jump-group.user.store","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"type":"object","properties":{"user_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"jump_item_role_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"jump_policy_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}}},"responses":["201","422"]},
    "PATCH /jump-group/{id}/user/{user_id}": {"operationId":"api.config.jump-group.user.update","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"user_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"type":"object","properties":{"user_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"jump_item_role_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"jump_policy_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}}},"responses":["200","404","422"]},
    "DELETE /jump-group/{id}/user/{user_id}": {"operationId":"api.config.jump-group.user.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"user_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204","404","422"]},
    "GET /jump-group/{id}/user/{user_id}": {"operationId":"api.config.jump-group.user.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"user_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200"]},
    "GET /jumpoint": {"operationId":"api.config.jumpoint.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jumpoint": {"operationId":"api.config.jumpoint.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jumpoint/{id}": {"operationId":"api.config.jumpoint.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /jumpoint/{id}": {"operationId":"api.config.jumpoint.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jumpoint/{id}": {"operationId":"api.config.jumpoint.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jumpoint/{id}/installer": {"operationId":"api.config.jumpoint.download","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jumpoint/{id}/node": {"operationId":"api.config.jumpoint.node.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jumpoint/{id}/user": {"operationId":"api.config.jumpoint.user.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jumpoint/{id}/user": {"operationId":"api.config.jumpoint.user.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jumpoint/{id}/user/{user_id}": {"operationId":"api.config.jumpoint.user.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /jumpoint/{id}/user/{user_id}": {"operationId":"api.config.jumpoint.user.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-policy": {"operationId":"api.config.jump-policy.index","pathParams":{},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1},"code_name":{"type":"string","maxLength":64,"minLength":0}},"body":null,"responses":["200"]},
    "POST /jump-policy": {"operationId":"api.config.jump-policy.store","pathParams":{},"query":{},"body":{"schema":"JumpPolicy"},"responses":["201","422"]},
    "GET /jump-policy/{id}": {"operationId":"api.config.jump-policy.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404","422"]},
    "DELETE /jump-policy/{id}": {"operationId":"api.config.jump-policy.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204","404","422"]},
    "PATCH /jump-policy/{id}": {"operationId":"api.config.jump-policy.update","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"schema":"JumpPolicy"},"responses":["200","404","422"]},
    "GET /jump-policy/{id}/schedule": {"operationId":"api.config.jump-policy.showSchedule","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200"]},
    "GET /jump-approval/{user_id}": {"operationId":"api.config.jump-approval.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /jump-approval/{user_id}/view/{id}": {"operationId":"api.config.jump-approval.view","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-approval/approve": {"operationId":"api.config.jump-policy.approve","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /jump-approval/request": {"operationId":"api.config.jump-policy.request","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /team": {"operationId":"api.config.team.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /team": {"operationId":"api.config.team.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /team/{id}": {"operationId":"api.config.team.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /team/{id}": {"operationId":"api.config.team.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /team/{id}": {"operationId":"api.config.team.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /team/{id}/user": {"operationId":"api.config.team.user.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /team/{id}/user": {"operationId":"api.config.team.user.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /team/{id}/user/{user_id}": {"operationId":"api.config.team.user.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /team/{id}/user/{user_id}": {"operationId":"api.config.team.user.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /team/{id}/user/{user_id}": {"operationId":"api.config.team.user.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /user": {"operationId":"api.config.user.index","pathParams":{},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1},"security_provider_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"username":{"type":"string","maxLength":255,"minLength":1},"email_address":{"type":"string","minLength":3,"maxLength":255}},"body":null,"responses":["200"]},
    "POST /user": {"operationId":"api.config.user.store","pathParams":{},"query":{},"body":{"schema":"User"},"responses":["201","422"]},
    "GET /user/{id}": {"operationId":"api.config.user.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404","422"]},
    "PATCH /user/{id}": {"operationId":"api.config.user.update","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"schema":"User"},"responses":["200","404","422"]},
    "DELETE /user/{id}": {"operationId":"api.config.user.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204","404","422"]},
    "PATCH /user/{id}/group-policy-changes": {"operationId":"api.config.user.group_policy_change","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"type":"object","properties":{"added":{"type":"array","items":{"type":"integer","minimum":1,"maximum":2147483647},"default":[]},"removed":{"type":"array","items":{"type":"integer","minimum":1,"maximum":2147483647},"default":[]}}},"responses":["200","422"]},
    "GET /user/{id}/group-policies": {"operationId":"api.config.user.group_policies","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404","422"]},
    "POST /user/provision": {"operationId":"api.config.user.provision","pathParams":{},"query":{},"body":{"type":"object","properties":{"user_ids":{"type":"array","items":{"type":"integer"},"minItems":0,"maxItems":2147483647,"default":[]}}},"responses":["204","422"]},
    "GET /session-policy": {"operationId":"api.config.session-policy.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /group-policy": {"operationId":"api.config.group-policy.index","pathParams":{},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1},"name":{"type":"string","maxLength":255,"minLength":1}},"body":null,"responses":["200"]},
    "POST /group-policy": {"operationId":"api.config.group-policy.store","pathParams":{},"query":{},"body":{"schema":"GroupPolicy"},"responses":["201","422"]},
    "GET /group-policy/{id}": {"operationId":"api.config.group-policy.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404","422"]},
    "DELETE /group-policy/{id}": {"operationId":"api.config.group-policy.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204","404","422"]},
    "PATCH /group-policy/{id}": {"operationId":"api.config.group-policy.update","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"schema":"GroupPolicy"},"responses":["200","404","422"]},
    "POST /group-policy/{id}/copy": {"operationId":"api.config.vault.group-policy.copy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"type":"object","properties":{"name":{"maxLength":255,"minLength":1,"type":"string"}},"required":["name"]},"responses":["201","404","422"]},
    "GET /group-policy/{id}/jumpoint": {"operationId":"api.config.group-policy.jumpoints.index","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1}},"body":null,"responses":["200","404","422"]},
    "POST /group-policy/{id}/jumpoint": {"operationId":"api.config.group-policy.jumpoints.store","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"type":"object","properties":{"jumpoint_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}}},"responses":["201","404","422"]},
    "POST /group-policy/{id}/provision": {"operationId":"api.config.group-policy.provision","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204","404","422"]},
    "GET /group-policy/{id}/jumpoint/{jumpoint_id}": {"operationId":"api.config.group-policy.jumpoints.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"jumpoint_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200"]},
    "DELETE /group-policy/{id}/jumpoint/{jumpoint_id}": {"operationId":"api.config.group-policy.jumpoints.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"jumpoint_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204","404"]},
    "GET /group-policy/{id}/member": {"operationId":"api.config.group-policy.member.index","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1}},"body":null,"responses":["200","404"]},
    "POST /group-policy/{id}/member": {"operationId":"api.config.group-policy.member.store","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"schema":"GroupPolicyMember"},"responses":["201","422"]},
    "GET /group-policy/{id}/member/{member_id}": {"operationId":"api.config.group-policy.member.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"member_id":{"type":"integer","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "DELETE /group-policy/{id}/member/{member_id}": {"operationId":"api.config.group-policy.member.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"member_id":{"type":"integer","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204","404"]},
    "GET /group-policy/{id}/jump-group": {"operationId":"api.config.group-policy.jump-group.index","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "POST /group-policy/{id}/jump-group": {"operationId":"api.config.group-policy.jump-group.store","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"schema":"GroupPolicyJumpGroup"},"responses":["201","422"]},
    "GET /group-policy/{id}/jump-group/{jump_group_id}": {"operationId":"api.config.group-policy.jump-group.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"jump_group_id":{"type":"integer","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "DELETE /group-policy/{id}/jump-group/{jump_group_id}": {"operationId":"api.config.group-policy.jump-group.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"jump_group_id":{"type":"integer","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204"]},
    "GET /group-policy/{id}/vault-account": {"operationId":"api.config.group-policy.vault-account.index","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "POST /group-policy/{id}/vault-account": {"operationId":"api.config.group-policy.vault-account.store","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"type":"object","properties":{"account_id":{"type":"integer","minimum":1,"maximum":2147483647},"role":{"type":"string","enum":["inject","inject_and_checkout"],"default":"inject"}},"required":["account_id"]},"responses":["201","404","422"]},
    "GET /group-policy/{id}/vault-account/{account_id}": {"operationId":"api.config.group-policy.vault-account.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"account_id":{"type":"integer","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "DELETE /group-policy/{id}/vault-account/{account_id}": {"operationId":"api.config.group-policy.vault-account.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"account_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "GET /group-policy/{id}/vault-account-group": {"operationId":"api.config.group-policy.vault-account-group.index","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "POST /group-policy/{id}/vault-account-group": {"operationId":"api.config.group-policy.vault-account-group.store","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"type":"object","properties":{"group_policy_id":{"type":"integer","minimum":1,"maximum":2147483647},"account_group_id":{"type":"integer","minimum":1,"maximum":2147483647},"role":{"type":"string","enum":["inject","inject_and_checkout"],"default":"inject"}},"required":["account_group_id"]},"responses":["201","404","422"]},
    "GET /group-policy/{id}/vault-account-group/{account_group_id}": {"operationId":"api.config.group-policy.vault-account-group.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"account_group_id":{"type":"integer","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "DELETE /group-policy/{id}/vault-account-group/{account_group_id}": {"operationId":"api.config.group-policy.vault-account-group.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"account_group_id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "GET /group-policy/{id}/team": {"operationId":"api.config.group-policy.team.index","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1}},"body":null,"responses":["200","404","422"]},
    "POST /group-policy/{id}/team": {"operationId":"api.config.group-policy.team.store","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"type":"object","properties":{"team_id":{"type":"integer","minimum":1,"maximum":2147483647},"role":{"type":"string","enum":["member","lead","manager"],"default":"member"}},"required":["team_id"]},"responses":["201","422"]},
    "GET /group-policy/{id}/team/{team_id}": {"operationId":"api.config.group-policy.team.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"team_id":{"type":"integer","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404"]},
    "DELETE /group-policy/{id}/team/{team_id}": {"operationId":"api.config.group-policy.team.destroy","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647},"team_id":{"type":"integer","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["204","404"]},
    "GET /security-provider": {"operationId":"api.config.security-provider.index","pathParams":{},"query":{"per_page":{"type":"integer","minimum":5,"maximum":100},"current_page":{"type":"integer","format":"int32","minimum":1}},"body":null,"responses":["200"]},
    "GET /security-provider/{id}": {"operationId":"api.config.security-provider.show","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":null,"responses":["200","404","422"]},
    "PATCH /security-provider/{id}": {"operationId":"api.config.security-provider.update","pathParams":{"id":{"type":"integer","format":"int32","minimum":1,"maximum":2147483647}},"query":{},"body":{"oneOf":true},"responses":["200","404","422"]},
    "GET /vault/account": {"operationId":"api.config.vault.account.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account": {"operationId":"api.config.vault.account.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account/{id}": {"operationId":"api.config.vault.account.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /vault/account/{id}": {"operationId":"api.config.vault.account.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account/{id}": {"operationId":"api.config.vault.account.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account/{id}/check-out": {"operationId":"api.config.vault.account.check-out","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account/{id}/check-in": {"operationId":"api.config.vault.account.check-in","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account/{id}/force-check-in": {"operationId":"api.config.vault.account.force-check-in","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account/{id}/rotate": {"operationId":"api.config.vault.account.rotate","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account/{id}/user": {"operationId":"api.config.vault.account.user.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account/{id}/user": {"operationId":"api.config.vault.account.user.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account/{id}/user/{user_id}": {"operationId":"api.config.vault.account.user.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /vault/account/{id}/user/{user_id}": {"operationId":"api.config.vault.account.user.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account/{id}/user/{user_id}": {"operationId":"api.config.vault.account.user.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account/{id}/jump-item-association": {"operationId":"api.config.vault.account.jump-item-association.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account/{id}/jump-item-association": {"operationId":"api.config.vault.account.jump-item-association.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /vault/account/{id}/jump-item-association": {"operationId":"api.config.vault.account.jump-item-association.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account/{id}/jump-item-association": {"operationId":"api.config.vault.account.jump-item-association.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account/{id}/jump-item-association/jump-item": {"operationId":"api.config.vault.account.jump-item-association.jump-item.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account/{id}/jump-item-association/jump-item": {"operationId":"api.config.vault.account.jump-item-association.jump-item.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account/{id}/jump-item-association/shared-jump-group": {"operationId":"api.config.vault.account.jump-item-association.shared-jump-group.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account/{id}/jump-item-association/shared-jump-group": {"operationId":"api.config.vault.account.jump-item-association.shared-jump-group.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/endpoint": {"operationId":"api.config.vault.endpoint.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/endpoint/{id}/remote-rdp-jump-item-candidates": {"operationId":"api.config.vault.endpoint.list-candidates","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/endpoint/{id}/remote-rdp-jump-item-association": {"operationId":"api.config.vault.endpoint.associate","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account-group": {"operationId":"api.config.vault.account-group.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account-group": {"operationId":"api.config.vault.account-group.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account-group/{id}": {"operationId":"api.config.vault.account-group.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account-group/{id}": {"operationId":"api.config.vault.account-group.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /vault/account-group/{id}": {"operationId":"api.config.vault.account-group.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account-group/{id}/user": {"operationId":"api.config.vault.account-group.user.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account-group/{id}/user": {"operationId":"api.config.vault.account-group.user.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account-group/{id}/user/{user_id}": {"operationId":"api.config.vault.account-group.user.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account-group/{id}/user/{user_id}": {"operationId":"api.config.vault.account-group.user.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /vault/account-group/{id}/user/{user_id}": {"operationId":"api.config.vault.account-group.user.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account-group/{id}/account": {"operationId":"api.config.vault.account-group.account.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account-group/{id}/account": {"operationId":"api.config.vault.account-group.account.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account-group/{id}/account/{account_id}": {"operationId":"api.config.vault.account-group.account.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account-group/{id}/account/{account_id}": {"operationId":"api.config.vault.account-group.account.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account-group/{id}/jump-item-association": {"operationId":"api.config.vault.account-group.jump-item-association.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /vault/account-group/{id}/jump-item-association": {"operationId":"api.config.vault.account-group.jump-item-association.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account-group/{id}/jump-item-association/jump-item": {"operationId":"api.config.vault.account-group.jump-item-association.jump-item.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account-group/{id}/jump-item-association/jump-item": {"operationId":"api.config.vault.account-group.jump-item-association.jump-item.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account-group/{id}/jump-item-association/shared-jump-group": {"operationId":"api.config.vault.account-group.jump-item-association.shared-jump-group.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account-group/{id}/jump-item-association/shared-jump-group": {"operationId":"api.config.vault.account-group.jump-item-association.shared-jump-group.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account-policy": {"operationId":"api.config.vault.account-policy.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vault/account-policy": {"operationId":"api.config.vault.account-policy.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vault/account-policy/{id}": {"operationId":"api.config.vault.account-policy.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vault/account-policy/{id}": {"operationId":"api.config.vault.account-policy.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /vault/account-policy/{id}": {"operationId":"api.config.vault.account-policy.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vendor": {"operationId":"api.config.vendor.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vendor": {"operationId":"api.config.vendor.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vendor/{id}": {"operationId":"api.config.vendor.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /vendor/{id}": {"operationId":"api.config.vendor.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vendor/{id}": {"operationId":"api.config.vendor.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vendor/{id}/reactivate": {"operationId":"api.config.vendor.reactivate","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vendor/{id}/user": {"operationId":"api.config.vendor.user.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vendor/{id}/user": {"operationId":"api.config.vendor.user.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /vendor/{id}/user/{user_id}": {"operationId":"api.config.vendor.user.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "PATCH /vendor/{id}/user/{user_id}": {"operationId":"api.config.vendor.user.update","pathParams":{},"query":{},"body":null,"responses":[]},
    "DELETE /vendor/{id}/user/{user_id}": {"operationId":"api.config.vendor.user.destroy","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /vendor/{id}/user/{user_id}/reactivate": {"operationId":"api.config.vendor.user.reactivate","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/job": {"operationId":"api.config.endpoint-automation.job.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /endpoint-automation/job": {"operationId":"api.config.endpoint-automation.job.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/job/{id}": {"operationId":"api.config.endpoint-automation.job.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/job/{id}/execution": {"operationId":"api.config.endpoint-automation.job.execution.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/resource": {"operationId":"api.config.endpoint-automation.resource.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/resource/{id}": {"operationId":"api.config.endpoint-automation.resource.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/script": {"operationId":"api.config.endpoint-automation.script.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "POST /endpoint-automation/script": {"operationId":"api.config.endpoint-automation.script.store","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/script/{id}": {"operationId":"api.config.endpoint-automation.script.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/script/{id}/resource": {"operationId":"api.config.endpoint-automation.script.resource","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/endpoint": {"operationId":"api.config.endpoint-automation.endpoint.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /endpoint-automation/endpoint/{id}": {"operationId":"api.config.endpoint-automation.endpoint.show","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /openapi.yaml": {"operationId":"api.config.spec","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /cli/{platform}": {"operationId":"api.config.cli","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /api-account": {"operationId":"api.config.api-account.index","pathParams":{},"query":{},"body":null,"responses":[]},
    "GET /api-account/{id}": {"operationId":"api.config.api-account.show","pathParams":{},"query":{},"body":null,"responses":[]},
  },
};
