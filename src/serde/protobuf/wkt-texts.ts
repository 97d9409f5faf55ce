/**
 * The current text of Google's small well-known files whose copies in the protobufjs package predate
 * editions (no `edition` fields, no `SYNTAX_EDITIONS`). Field names and numbers are Google's; the texts are
 * written here so the runtime needs no package beyond protobufjs.
 */
export const WKT_TEXTS: Readonly<Record<string, string>> = {
  'google/protobuf/source_context.proto': `syntax = "proto3";
package google.protobuf;

// The source file a protobuf element was defined in.
message SourceContext {
  string file_name = 1;
}
`,
  'google/protobuf/type.proto': `syntax = "proto3";
package google.protobuf;

import "google/protobuf/any.proto";
import "google/protobuf/source_context.proto";

// A protocol buffer message type.
message Type {
  string name = 1;
  repeated Field fields = 2;
  repeated string oneofs = 3;
  repeated Option options = 4;
  SourceContext source_context = 5;
  Syntax syntax = 6;
  string edition = 7;
}

// A single field of a message type.
message Field {
  enum Kind {
    TYPE_UNKNOWN = 0;
    TYPE_DOUBLE = 1;
    TYPE_FLOAT = 2;
    TYPE_INT64 = 3;
    TYPE_UINT64 = 4;
    TYPE_INT32 = 5;
    TYPE_FIXED64 = 6;
    TYPE_FIXED32 = 7;
    TYPE_BOOL = 8;
    TYPE_STRING = 9;
    TYPE_GROUP = 10;
    TYPE_MESSAGE = 11;
    TYPE_BYTES = 12;
    TYPE_UINT32 = 13;
    TYPE_ENUM = 14;
    TYPE_SFIXED32 = 15;
    TYPE_SFIXED64 = 16;
    TYPE_SINT32 = 17;
    TYPE_SINT64 = 18;
  }
  enum Cardinality {
    CARDINALITY_UNKNOWN = 0;
    CARDINALITY_OPTIONAL = 1;
    CARDINALITY_REQUIRED = 2;
    CARDINALITY_REPEATED = 3;
  }
  Kind kind = 1;
  Cardinality cardinality = 2;
  int32 number = 3;
  string name = 4;
  string type_url = 6;
  int32 oneof_index = 7;
  bool packed = 8;
  repeated Option options = 9;
  string json_name = 10;
  string default_value = 11;
}

// Enum type definition.
message Enum {
  string name = 1;
  repeated EnumValue enumvalue = 2;
  repeated Option options = 3;
  SourceContext source_context = 4;
  Syntax syntax = 5;
  string edition = 6;
}

// Enum value definition.
message EnumValue {
  string name = 1;
  int32 number = 2;
  repeated Option options = 3;
}

// A protocol buffer option.
message Option {
  string name = 1;
  Any value = 2;
}

// The syntax in which a protocol buffer element is defined.
enum Syntax {
  SYNTAX_PROTO2 = 0;
  SYNTAX_PROTO3 = 1;
  SYNTAX_EDITIONS = 2;
}
`,
  'google/protobuf/api.proto': `syntax = "proto3";
package google.protobuf;

import "google/protobuf/source_context.proto";
import "google/protobuf/type.proto";

// An API: a service with its methods.
message Api {
  string name = 1;
  repeated Method methods = 2;
  repeated Option options = 3;
  string version = 4;
  SourceContext source_context = 5;
  repeated Mixin mixins = 6;
  Syntax syntax = 7;
  string edition = 8;
}

// A method of an API.
message Method {
  string name = 1;
  string request_type_url = 2;
  bool request_streaming = 3;
  string response_type_url = 4;
  bool response_streaming = 5;
  repeated Option options = 6;
  Syntax syntax = 7 [deprecated = true];
  string edition = 8 [deprecated = true];
}

// An API included into this one.
message Mixin {
  string name = 1;
  string root = 2;
}
`,
};
