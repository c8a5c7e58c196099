//! `@paginated`: the operation's trait over the service's defaults, resolved
//! against the lowered input and output.

use crate::ir::{
    IntWidth, ItemCollection, ItemsIr, OperationIr, PageSize, PaginatorIr, Presence, RustType,
    TypeDef,
};
use crate::lower::paths::StructIndex;
use crate::lower::Lowerer;
use crate::model::traits::{describe_unknown_keys, ids, PaginatedTrait};
use crate::shape_id::ShapeId;

impl Lowerer<'_> {
    /// Fills `OperationIr::paginator` for every paginated operation.
    pub(super) fn lower_paginators(&mut self, operations: &mut [OperationIr], types: &[TypeDef]) {
        let service = self.selection.service.clone();
        let service_traits = self
            .model
            .get(&service)
            .map(|s| s.traits.clone())
            .unwrap_or_default();
        let defaults: PaginatedTrait = self
            .decode_paginated(&service, &service_traits)
            .unwrap_or_default();
        let index = StructIndex::new(types);
        for op in operations.iter_mut() {
            let Ok(op_id) = op.shape_id.parse::<ShapeId>() else {
                continue;
            };
            let traits = self
                .model
                .get(&op_id)
                .map(|s| s.traits.clone())
                .unwrap_or_default();
            let Some(own) = self.decode_paginated(&op_id, &traits) else {
                continue;
            };
            let merged = own.over(&defaults);
            op.paginator = self.resolve_paginator(&op_id, op, &merged, &index);
        }
    }

    /// The `@paginated` trait of a service or operation, with a warning
    /// naming any key Smithy does not define for it.
    fn decode_paginated(
        &mut self,
        id: &ShapeId,
        traits: &crate::model::Traits,
    ) -> Option<PaginatedTrait> {
        let paginated: PaginatedTrait = self.decode(id, traits, ids::PAGINATED)?;
        if !paginated.unknown_keys.is_empty() {
            self.warn(
                id,
                format!(
                    "@paginated has keys Smithy does not define ({}); they are ignored and the paginator uses the others",
                    describe_unknown_keys(&paginated.unknown_keys)
                ),
            );
        }
        Some(paginated)
    }

    fn resolve_paginator(
        &mut self,
        op_id: &ShapeId,
        op: &OperationIr,
        trait_: &PaginatedTrait,
        index: &StructIndex<'_>,
    ) -> Option<PaginatorIr> {
        let (Some(input_token), Some(output_token)) = (&trait_.input_token, &trait_.output_token)
        else {
            self.error(
                op_id,
                "@paginated needs both `inputToken` and `outputToken` (on the operation or the service)",
            );
            return None;
        };
        let fail = |this: &mut Self, what: &str, message: String| {
            this.error(op_id, format!("@paginated `{what}`: {message}"));
        };
        let input_field = match op
            .input
            .fields
            .iter()
            .find(|f| f.member_name() == *input_token)
        {
            Some(f) => f,
            None => {
                fail(
                    self,
                    "inputToken",
                    format!("`{input_token}` is not a member of {}", op.input.origin),
                );
                return None;
            }
        };
        if input_field.presence != Presence::Optional {
            fail(
                self,
                "inputToken",
                format!("`{input_token}` must be optional (not @required or @default)"),
            );
            return None;
        }
        let (output_steps, output_field) = match index.resolve(&op.output, output_token) {
            Ok(found) => found,
            Err(message) => {
                fail(self, "outputToken", message);
                return None;
            }
        };
        let token_ty = input_field.ty.clone();
        if !matches!(token_ty, RustType::String | RustType::Map { .. }) {
            fail(
                self,
                "inputToken",
                format!("`{input_token}` must be a string or a map"),
            );
            return None;
        }
        if output_field.ty != token_ty {
            fail(
                self,
                "outputToken",
                format!("`{output_token}` has a different type than inputToken `{input_token}`"),
            );
            return None;
        }
        let page_size = match &trait_.page_size {
            None => None,
            Some(name) => match op.input.fields.iter().find(|f| f.member_name() == *name) {
                Some(f) if matches!(f.ty, RustType::I32 | RustType::I64) => {
                    if f.presence == Presence::Optional {
                        let width = if f.ty == RustType::I64 {
                            IntWidth::I64
                        } else {
                            IntWidth::I32
                        };
                        Some(PageSize {
                            field: f.rust_name.clone(),
                            width,
                        })
                    } else {
                        // A required page size is the caller's to set on the input.
                        None
                    }
                }
                Some(_) => {
                    fail(
                        self,
                        "pageSize",
                        format!("`{name}` must be an integer or a long"),
                    );
                    return None;
                }
                None => {
                    fail(
                        self,
                        "pageSize",
                        format!("`{name}` is not a member of {}", op.input.origin),
                    );
                    return None;
                }
            },
        };
        let items = match &trait_.items {
            None => None,
            Some(path) => match index.resolve(&op.output, path) {
                Ok((steps, field)) => match &field.ty {
                    RustType::List { item, sparse } => Some(ItemsIr {
                        path: steps,
                        collection: ItemCollection::List {
                            item: (**item).clone(),
                            sparse: *sparse,
                        },
                    }),
                    RustType::Map { value, sparse } => Some(ItemsIr {
                        path: steps,
                        collection: ItemCollection::Map {
                            value: (**value).clone(),
                            sparse: *sparse,
                        },
                    }),
                    _ => {
                        fail(self, "items", format!("`{path}` must be a list or a map"));
                        return None;
                    }
                },
                Err(message) => {
                    fail(self, "items", message);
                    return None;
                }
            },
        };
        Some(PaginatorIr {
            input_token: input_field.rust_name.clone(),
            output_token: output_steps,
            token_ty,
            page_size,
            items,
        })
    }
}
