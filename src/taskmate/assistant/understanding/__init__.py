"""The learned understanding layer: sentence embeddings, an intent model trained from the
repository's data, and the policy that turns its confidence into acting, asking or declining."""
