"""Models of this app are tenant-owned: inherit coalitions.tenancy.TenantModel."""
